package io.github.can4000.io.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Firefox driven over WebDriver BiDi, which Firefox speaks natively (no geckodriver):
 * the browser is started with {@code --remote-debugging-port 0} on a fresh profile, prints the
 * address it listens on, and this class talks to {@code ws://127.0.0.1:<port>/session} with the
 * JDK's {@link WebSocket}: {@code session.new}, {@code browsingContext.getTree}, {@code
 * setViewport}, {@code navigate}, {@code input.performActions}, {@code script.evaluate}, {@code
 * captureScreenshot}, {@code browser.close}. The profile's {@code user.js} sends every request for
 * a host other than loopback to a closed loopback port, so the browser reaches nothing outside the
 * machine.
 */
final class FirefoxBidiPage implements PageDriver {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern LISTENING =
      Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Profile preferences: no first-run pages, no background traffic, no outside hosts. */
  private static final String USER_JS =
      String.join(
          "\n",
          "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
          "user_pref(\"browser.startup.page\", 0);",
          "user_pref(\"browser.startup.homepage\", \"about:blank\");",
          "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
          "user_pref(\"startup.homepage_welcome_url\", \"about:blank\");",
          "user_pref(\"browser.aboutwelcome.enabled\", false);",
          "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
          "user_pref(\"datareporting.healthreport.uploadEnabled\", false);",
          "user_pref(\"toolkit.telemetry.enabled\", false);",
          "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
          "user_pref(\"app.update.auto\", false);",
          "user_pref(\"app.normandy.enabled\", false);",
          "user_pref(\"messaging-system.rsexperimentloader.enabled\", false);",
          "user_pref(\"extensions.update.enabled\", false);",
          "user_pref(\"browser.safebrowsing.update.enabled\", false);",
          "user_pref(\"network.captive-portal-service.enabled\", false);",
          "user_pref(\"network.connectivity-service.enabled\", false);",
          "user_pref(\"network.proxy.type\", 1);",
          "user_pref(\"network.proxy.http\", \"127.0.0.1\");",
          "user_pref(\"network.proxy.http_port\", 9);",
          "user_pref(\"network.proxy.ssl\", \"127.0.0.1\");",
          "user_pref(\"network.proxy.ssl_port\", 9);",
          "user_pref(\"network.proxy.share_proxy_settings\", true);",
          "user_pref(\"network.proxy.allow_hijacking_localhost\", false);",
          "");

  private final Process process;
  private final Deque<String> log = new ArrayDeque<>();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final WebSocket socket;
  private final String context;

  /**
   * Starts {@code firefox} headless on a new profile in {@code profile} and opens a BiDi session
   * with a {@code width x height} viewport.
   */
  FirefoxBidiPage(Path firefox, Path profile, int width, int height) throws Exception {
    Files.createDirectories(profile);
    Files.writeString(profile.resolve("user.js"), USER_JS);
    ProcessBuilder pb =
        new ProcessBuilder(
                firefox.toString(),
                "--headless",
                "--no-remote",
                "--profile",
                profile.toString(),
                "--remote-debugging-port",
                "0",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("MOZ_HEADLESS", "1");
    process = pb.start();
    try {
      URI endpoint = URI.create(awaitAddress() + "/session");
      socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(TIMEOUT)
              .buildAsync(endpoint, new Listener())
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      send("session.new", JSON.createObjectNode().set("capabilities", JSON.createObjectNode()));
      context =
          send("browsingContext.getTree", JSON.createObjectNode())
              .path("contexts")
              .path(0)
              .path("context")
              .asText();
      ObjectNode viewport = JSON.createObjectNode().put("width", width).put("height", height);
      send(
          "browsingContext.setViewport",
          JSON.createObjectNode().put("context", context).set("viewport", viewport));
    } catch (Exception | AssertionError e) {
      kill();
      throw e;
    }
  }

  /** Reads the browser's stderr until it names its BiDi address, then keeps draining it. */
  private String awaitAddress() throws Exception {
    CompletableFuture<String> address = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (log) {
                    log.addLast(line);
                    if (log.size() > 40) {
                      log.removeFirst();
                    }
                  }
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    address.complete(m.group(1));
                  }
                }
              } catch (IOException e) {
                address.completeExceptionally(e);
              }
              address.completeExceptionally(new IOException("firefox exited"));
            },
            "firefox-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      return address.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("firefox did not open its WebDriver BiDi port: " + recentLog(), e);
    }
  }

  private String recentLog() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  /** Sends a BiDi command and returns its result; an error response fails with its message. */
  private JsonNode send(String method, ObjectNode params) throws Exception {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", params);
    socket
        .sendText(JSON.writeValueAsString(command), true)
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode response;
    try {
      response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      pending.remove(id);
    }
    if ("error".equals(response.path("type").asText())) {
      throw new AssertionError(
          method
              + " failed: "
              + response.path("error").asText()
              + ": "
              + response.path("message").asText());
    }
    return response.path("result");
  }

  /**
   * Collects text frames into messages and completes the command each answers; events are ignored.
   */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(text.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(message.get("id").asLong());
            if (f != null) {
              f.complete(message);
            }
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      pending.values().forEach(f -> f.completeExceptionally(error));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      IOException closed =
          new IOException("firefox closed the connection: " + status + " " + reason);
      pending.values().forEach(f -> f.completeExceptionally(closed));
      return null;
    }
  }

  @Override
  public void open(URI uri) throws Exception {
    send(
        "browsingContext.navigate",
        JSON.createObjectNode()
            .put("context", context)
            .put("url", uri.toString())
            .put("wait", "complete"));
  }

  @Override
  public void press(String key) throws Exception {
    ObjectNode keyboard = JSON.createObjectNode().put("type", "key").put("id", "keyboard");
    keyboard
        .putArray("actions")
        .add(JSON.createObjectNode().put("type", "keyDown").put("value", key))
        .add(JSON.createObjectNode().put("type", "keyUp").put("value", key));
    ObjectNode params = JSON.createObjectNode().put("context", context);
    params.putArray("actions").add(keyboard);
    send("input.performActions", params);
  }

  @Override
  public String eval(String expression) throws Exception {
    ObjectNode params =
        JSON.createObjectNode()
            .put("expression", "String(" + expression + ")")
            .put("awaitPromise", false);
    params.set("target", JSON.createObjectNode().put("context", context));
    JsonNode result = send("script.evaluate", params);
    if (!"success".equals(result.path("type").asText())) {
      throw new AssertionError(
          expression + " threw " + result.path("exceptionDetails").path("text").asText());
    }
    return result.path("result").path("value").asText();
  }

  @Override
  public void screenshot(Path png) throws Exception {
    JsonNode shot =
        send("browsingContext.captureScreenshot", JSON.createObjectNode().put("context", context));
    Files.createDirectories(png.getParent());
    Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  @Override
  public void close() throws Exception {
    try {
      send("browser.close", JSON.createObjectNode());
    } catch (Exception | AssertionError e) {
      // the browser may drop the connection as it closes; it is stopped below either way
    } finally {
      socket.abort();
      stopProcess();
    }
  }

  /** Gives the browser ten seconds to exit after {@code browser.close}, then kills it. */
  private void stopProcess() throws InterruptedException {
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** Kills the browser and the processes it started. */
  private void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}

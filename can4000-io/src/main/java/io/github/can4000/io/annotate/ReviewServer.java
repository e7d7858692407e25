package io.github.can4000.io.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.can4000.ImageData;
import io.github.can4000.PixelRect;
import io.github.can4000.internal.Args;
import io.github.can4000.spi.Crop;
import io.github.can4000.spi.DecodedImage;
import io.github.can4000.spi.RowException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review page: a local web server, bound to the loopback address only, where a reviewer
 * accepts, rejects and relabels proposals with the keyboard. Every request must carry the random
 * access token of {@link #uri()} ({@code ?t=...}) and a loopback {@code Host}, else it gets 403.
 * Photographs are served only for sources that proposals name and, for a folder, only inside it.
 * Each decision is forced to the {@link DecisionLog} before the page hears back, so nothing is lost
 * when the browser or the server stops, and a new server on the same file resumes.
 *
 * <pre>{@code
 * try (DecisionLog log = DecisionLog.open(Path.of("proposals.csv.decisions.csv"));
 *     SourceImages images = new SourceImages(FileFetchers.create(dir), ImageDecoders.standard());
 *     ReviewServer server = ReviewServer.builder().proposals(rows).images(images).imagesRoot(dir)
 *         .decisions(log).build().start()) {
 *   System.out.println("open " + server.uri());
 *   ...
 * }
 * }</pre>
 */
public final class ReviewServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TOKEN_BYTES = 24;
  private static final int MAX_BODY = 64 * 1024;
  private static final int PHOTO_MAX_SIDE = 1600;
  private static final String CSP =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
          + "img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Map<Integer, ProposalRow> rows;
  private final Set<String> sources;
  private final List<String> labels;
  private final SourceImages images;
  private final Path root;
  private final DecisionLog log;
  private final String title;
  private final String token;
  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] page;

  private ReviewServer(Builder b, int port, int threads, List<String> extraLabels, String title)
      throws IOException {
    this.rows = new LinkedHashMap<>();
    for (ProposalRow r : b.proposals) {
      if (rows.put(r.no(), r) != null) {
        throw new IllegalArgumentException("duplicate proposal no " + r.no());
      }
    }
    this.sources = new LinkedHashSet<>();
    Set<String> labelSet = new LinkedHashSet<>(extraLabels);
    for (ProposalRow r : b.proposals) {
      sources.add(r.source());
      labelSet.add(r.label());
    }
    for (Decision d : b.log.current().values()) {
      if (!rows.containsKey(d.no())) {
        throw new IllegalArgumentException(
            b.log.file()
                + " has a decision on no "
                + d.no()
                + ", which the proposals do not have: is it the decisions file of other proposals?");
      }
      if (!d.label().isEmpty()) {
        labelSet.add(d.label());
      }
    }
    this.labels = List.copyOf(labelSet);
    this.images = b.images;
    this.root = b.root == null ? null : b.root.toAbsolutePath().normalize();
    this.log = b.log;
    this.title = title;
    this.token = newToken();
    try (InputStream in = ReviewServer.class.getResourceAsStream("review.html")) {
      this.page = Objects.requireNonNull(in, "review.html missing from the jar").readAllBytes();
    }
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "can4000-review-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts serving; returns this. */
  public ReviewServer start() {
    server.start();
    LOG.debug("review server on {}", server.getAddress());
    return this;
  }

  /**
   * Returns the page's address, with the access token: {@code http://127.0.0.1:<port>/?t=<token>}.
   */
  public URI uri() {
    return URI.create("http://" + hostPort() + "/?t=" + token);
  }

  /** Returns the address the server listens on (always a loopback address). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops serving at once; the decisions log and the images are the caller's to close. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private String hostPort() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  private static String newToken() {
    byte[] b = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private void handle(HttpExchange ex) {
    try {
      serve(ex);
    } finally {
      ex.close();
    }
  }

  private void serve(HttpExchange ex) {
    try {
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      ex.getResponseHeaders().set("X-Frame-Options", "DENY");
      if (!allowed(ex)) {
        send(
            ex,
            403,
            "text/plain; charset=utf-8",
            "forbidden: open the address printed by the review command\n");
        return;
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      Map<String, String> q = query(ex.getRequestURI());
      switch (path) {
        case "/" -> {
          requireMethod(ex, "GET");
          ex.getResponseHeaders().set("Content-Security-Policy", CSP);
          ex.getResponseHeaders().set("Cache-Control", "no-store");
          send(ex, 200, "text/html; charset=utf-8", page);
        }
        case "/api/state" -> {
          requireMethod(ex, "GET");
          sendJson(ex, 200, state());
        }
        case "/api/crop" -> {
          requireMethod(ex, "GET");
          crop(ex, q.get("no"));
        }
        case "/api/image" -> {
          requireMethod(ex, "GET");
          photo(ex, q.get("src"));
        }
        case "/api/decide" -> {
          if (!method.equals("POST")) {
            throw new HttpError(405, "use POST");
          }
          decide(ex);
        }
        default -> throw new HttpError(404, "no such page: " + path);
      }
    } catch (HttpError e) {
      sendQuietly(ex, e.status, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendQuietly(ex, 503, "interrupted");
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
      sendQuietly(ex, 500, "internal error: " + e);
    }
  }

  /** Whether the request carries the token and a loopback Host (a rebound DNS name is refused). */
  private boolean allowed(HttpExchange ex) {
    String given = query(ex.getRequestURI()).get("t");
    if (given == null) {
      given = ex.getRequestHeaders().getFirst("X-Review-Token");
    }
    if (given == null
        || !MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      return false;
    }
    String host = ex.getRequestHeaders().getFirst("Host");
    int port = server.getAddress().getPort();
    return host != null
        && (host.equals("127.0.0.1:" + port)
            || host.equals("localhost:" + port)
            || host.equals("[::1]:" + port));
  }

  private ObjectNode state() {
    ObjectNode o = JSON.createObjectNode();
    o.put("title", title);
    o.put("decisions", log.file().getFileName().toString());
    ArrayNode ls = o.putArray("labels");
    labels.forEach(ls::add);
    ArrayNode ps = o.putArray("proposals");
    Map<Integer, Decision> current = log.current();
    for (ProposalRow r : rows.values()) {
      ObjectNode p = ps.addObject();
      p.put("no", r.no());
      p.put("label", r.label());
      p.put("x", r.box().x());
      p.put("y", r.box().y());
      p.put("w", r.box().width());
      p.put("h", r.box().height());
      p.put("score", r.score());
      p.put("source", r.source());
      putDecision(p, current.get(r.no()));
    }
    return o;
  }

  private static void putDecision(ObjectNode p, Decision d) {
    if (d == null) {
      p.putNull("decision");
      p.putNull("final");
    } else {
      p.put("decision", d.kind().token());
      p.put("final", d.label());
    }
  }

  private void crop(HttpExchange ex, String noText) throws IOException, InterruptedException {
    ProposalRow r = row(noText);
    Crop c;
    try {
      c = images.crop(r);
    } catch (RowException e) {
      throw new HttpError(422, "no " + r.no() + ": no crop: " + e.getMessage());
    }
    ex.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
    send(ex, 200, "image/png", c.image().toPng());
  }

  private void photo(HttpExchange ex, String src) throws IOException, InterruptedException {
    if (src == null || !sources.contains(src)) {
      throw new HttpError(404, "not a source of these proposals: " + src);
    }
    if (root != null && !isUrl(src)) {
      Path p = root.resolve(src).normalize();
      if (!p.startsWith(root)) {
        throw new HttpError(403, "outside the images folder: " + src);
      }
    }
    DecodedImage img;
    try {
      img = images.image(src);
    } catch (RowException e) {
      throw new HttpError(422, "cannot read " + src + ": " + e.getMessage());
    }
    ImageData whole = img.crop(new PixelRect(0, 0, img.width(), img.height()));
    int longest = Math.max(whole.width(), whole.height());
    if (longest > PHOTO_MAX_SIDE) {
      double s = (double) PHOTO_MAX_SIDE / longest;
      whole =
          whole.resize(
              Math.max(1, (int) Math.round(whole.width() * s)),
              Math.max(1, (int) Math.round(whole.height() * s)));
    }
    ex.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
    send(ex, 200, "image/jpeg", jpeg(whole.toRgb().toBufferedImage()));
  }

  private static boolean isUrl(String s) {
    return s.matches("(?i)^[a-z][a-z0-9+.-]*://.*");
  }

  private static byte[] jpeg(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, "jpeg", out)) {
      throw new IOException("no JPEG writer");
    }
    return out.toByteArray();
  }

  private void decide(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new HttpError(413, "request body too large");
    }
    JsonNode in;
    try {
      in = JSON.readTree(body);
    } catch (IOException e) {
      throw new HttpError(400, "body is not JSON: " + e.getMessage());
    }
    if (in == null || !in.isObject()) {
      throw new HttpError(400, "body must be a JSON object {no, decision, label}");
    }
    ProposalRow r = row(in.path("no").asText(null));
    Decision d;
    try {
      Decision.Kind kind = Decision.Kind.parse(in.path("decision").asText(""));
      String label = in.path("label").asText("").strip();
      d =
          switch (kind) {
            case ACCEPT -> Decision.accept(r.no(), label.isEmpty() ? r.label() : label);
            case REJECT -> Decision.reject(r.no(), r.label());
            case UNDO -> Decision.undo(r.no());
          };
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
    try {
      log.append(d);
    } catch (IllegalStateException e) {
      throw new HttpError(409, e.getMessage());
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("no", r.no());
    putDecision(out, log.current(r.no()));
    sendJson(ex, 200, out);
  }

  private ProposalRow row(String noText) {
    int no;
    try {
      no = Integer.parseInt(Objects.requireNonNullElse(noText, "").strip());
    } catch (NumberFormatException e) {
      throw new HttpError(400, "no must be a proposal number: " + noText);
    }
    ProposalRow r = rows.get(no);
    if (r == null) {
      throw new HttpError(404, "no proposal " + no);
    }
    return r;
  }

  private static void requireMethod(HttpExchange ex, String method) {
    if (!ex.getRequestMethod().equals(method)) {
      throw new HttpError(405, "use " + method);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> m = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return m;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      try {
        m.putIfAbsent(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: ignore the parameter
      }
    }
    return m;
  }

  private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    send(ex, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sendQuietly(HttpExchange ex, int status, String message) {
    try {
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      send(ex, status, "text/plain; charset=utf-8", message + "\n");
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot send the error response", e);
    }
  }

  /** An error answered with a status and a plain-text message. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /**
   * Configures a {@link ReviewServer}. Required: {@link #proposals}, {@link #images}, {@link
   * #decisions}. Defaults: a free port, 4 threads, no extra labels, title "CAN review". Each option
   * may be set once; arguments are checked at once, naming the bad value.
   */
  public static final class Builder {
    private List<ProposalRow> proposals;
    private SourceImages images;
    private DecisionLog log;
    private Path root;
    private int port = -1;
    private int threads = -1;
    private List<String> labels;
    private String title;

    private Builder() {}

    /** Sets the proposals to review. */
    public Builder proposals(List<ProposalRow> proposals) {
      Args.requireUnset(this.proposals, "proposals");
      this.proposals = new ArrayList<>(Objects.requireNonNull(proposals, "proposals"));
      return this;
    }

    /** Sets where photographs come from. */
    public Builder images(SourceImages images) {
      Args.requireUnset(this.images, "images");
      this.images = Objects.requireNonNull(images, "images");
      return this;
    }

    /**
     * Sets the images folder, for a second check that a requested photograph lies inside it (the
     * file fetcher checks again, links included).
     */
    public Builder imagesRoot(Path root) {
      Args.requireUnset(this.root, "imagesRoot");
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /** Sets the decisions log the page writes to. */
    public Builder decisions(DecisionLog log) {
      Args.requireUnset(this.log, "decisions");
      this.log = Objects.requireNonNull(log, "decisions");
      return this;
    }

    /**
     * Sets the port, 0 (default) for any free one.
     *
     * @throws IllegalArgumentException if not 0 to 65535
     */
    public Builder port(int port) {
      Args.requireUnset(this.port, "port");
      this.port = Args.checkRange(port, 0, 65535, "port");
      return this;
    }

    /**
     * Sets the threads that answer requests (default 4).
     *
     * @throws IllegalArgumentException if not 1 to 64
     */
    public Builder threads(int threads) {
      Args.requireUnset(this.threads, "threads");
      this.threads = Args.checkRange(threads, 1, 64, "threads");
      return this;
    }

    /**
     * Sets labels offered for relabelling besides those the proposals use (e.g. the class list).
     */
    public Builder labels(List<String> labels) {
      Args.requireUnset(this.labels, "labels");
      for (String l : labels) {
        if (l.isEmpty() || l.chars().anyMatch(Character::isWhitespace)) {
          throw new IllegalArgumentException(
              "labels must be tokens without white space: \"" + l + "\"");
        }
      }
      this.labels = List.copyOf(labels);
      return this;
    }

    /** Sets the page title (default "CAN review"). */
    public Builder title(String title) {
      Args.requireUnset(this.title, "title");
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Creates the server, bound to the loopback address but not yet serving; call {@link
     * ReviewServer#start()}.
     *
     * @throws IllegalStateException if a required setting is missing
     * @throws IllegalArgumentException if the decisions name numbers the proposals lack
     * @throws IOException if the port cannot be bound
     */
    public ReviewServer build() throws IOException {
      if (proposals == null) {
        throw new IllegalStateException("proposals were not set");
      }
      if (images == null) {
        throw new IllegalStateException("images were not set");
      }
      if (log == null) {
        throw new IllegalStateException("decisions were not set");
      }
      return new ReviewServer(
          this,
          Math.max(0, port),
          threads < 0 ? 4 : threads,
          labels == null ? List.of() : labels,
          title == null ? "CAN review" : title);
    }
  }
}

package io.github.can4000.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.can4000.Cropper;
import io.github.can4000.Dataset;
import io.github.can4000.Manifest;
import io.github.can4000.ManifestEntry;
import io.github.can4000.Outcome;
import io.github.can4000.Reason;
import io.github.can4000.RunReport;
import io.github.can4000.Sink;
import io.github.can4000.io.http.HostResolver;
import io.github.can4000.io.http.HttpFetchers;
import io.github.can4000.io.http.Proxies;
import io.github.can4000.io.image.ImageDecoders;
import io.github.can4000.io.lock.LockRecorder;
import io.github.can4000.io.lock.Lockfiles;
import io.github.can4000.io.report.ReportCsv;
import io.github.can4000.io.sink.Sinks;
import io.github.can4000.spi.Decoder;
import io.github.can4000.spi.Fetcher;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A simulated web on loopback for the bundled manifest: every host of the manifest gets a behaviour
 * drawn from a fixed seed, a loopback HTTP server plays all hosts (by the Host header), and a
 * {@link HostResolver} plays DNS. Then the whole manifest is downloaded with the library's default
 * settings (as {@code download} does: folder sink, report, lockfile) and, optionally, with {@code
 * bench/reference_timeout.py} (the reference script with a 10 s limit per request) through the same
 * simulated web.
 *
 * <p>The mix (see docs/performance.md): about 12% of hosts do not resolve (a tenth of those only
 * after 5 s, as an unanswering DNS server), 8% refuse connections, 3% accept and never answer; the
 * rest answer after 30-500 ms. Of those, 4% refuse User-Agents that do not look like a browser
 * (403) and 1% send {@code X-Robots-Tag: noai}. Per URL on a live host: 5% 404, 2% 403, 4% soft-404
 * (an HTML page with 200), 2% a slow drip (1 KiB/s, a ~100 KiB body), the rest a JPEG of 320x240 to
 * 1600x1200. The five hosts with the most rows are always alive and fast (30-80 ms).
 *
 * <p>URLs are rewritten to {@code http://HOST:PORT/path} (the scheme, since TLS is not simulated,
 * and the port, so no root privilege is needed); DNS answers 127.0.0.1 for live hosts and
 * 127.0.0.2, where nothing listens, for refusing ones.
 *
 * <pre>
 * java -cp can4000.jar:can4000-bench.jar io.github.can4000.bench.SimulatedWeb --out DIR
 *     [--reference bench/reference_timeout.py] [--user-agent browser] [--threads N] [--seed N]
 * </pre>
 */
public final class SimulatedWeb implements AutoCloseable {
  /** What a host does. */
  enum Kind {
    ALIVE,
    NXDOMAIN,
    NXDOMAIN_SLOW,
    REFUSED,
    HANGING
  }

  /** What one URL on a live host does. */
  enum Fault {
    NONE,
    NOT_FOUND,
    FORBIDDEN,
    SOFT_404,
    DRIP
  }

  record Plan(Kind kind, int latencyMs, boolean refusesBots, boolean noai) {}

  private final Map<String, Plan> plans;
  private final Map<String, Fault> faults = new HashMap<>();
  private final List<byte[]> images;
  private final HttpServer server;
  private final ExecutorService pool;
  private final CountDownLatch stopped = new CountDownLatch(1);

  SimulatedWeb(Manifest manifest, long seed) throws IOException {
    this.plans = plan(manifest, seed);
    Random r = new Random(seed);
    for (ManifestEntry e : manifest.entries()) {
      String path = pathOf(e.url());
      double p = new Random(seed ^ path.hashCode()).nextDouble();
      faults.putIfAbsent(
          path,
          p < 0.05
              ? Fault.NOT_FOUND
              : p < 0.07
                  ? Fault.FORBIDDEN
                  : p < 0.11 ? Fault.SOFT_404 : p < 0.13 ? Fault.DRIP : Fault.NONE);
    }
    this.images = images(r);
    this.pool =
        Executors.newCachedThreadPool(
            t -> {
              Thread th = new Thread(t, "simweb");
              th.setDaemon(true);
              return th;
            });
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  private static Map<String, Plan> plan(Manifest manifest, long seed) {
    Map<String, Integer> rows = new HashMap<>();
    for (ManifestEntry e : manifest.entries()) {
      rows.merge(hostOf(e.url()), 1, Integer::sum);
    }
    List<String> biggest =
        rows.entrySet().stream()
            .sorted((a, b) -> b.getValue() - a.getValue())
            .limit(5)
            .map(Map.Entry::getKey)
            .toList();
    Map<String, Plan> plans = new TreeMap<>();
    for (String host : rows.keySet()) {
      Random r = new Random(seed ^ host.hashCode());
      double p = r.nextDouble();
      Kind kind =
          biggest.contains(host)
              ? Kind.ALIVE
              : p < 0.012
                  ? Kind.NXDOMAIN_SLOW
                  : p < 0.12
                      ? Kind.NXDOMAIN
                      : p < 0.20 ? Kind.REFUSED : p < 0.23 ? Kind.HANGING : Kind.ALIVE;
      int latency = biggest.contains(host) ? 30 + r.nextInt(51) : 30 + r.nextInt(471);
      double q = r.nextDouble();
      plans.put(
          host,
          new Plan(
              kind,
              latency,
              !biggest.contains(host) && q < 0.04,
              !biggest.contains(host) && q >= 0.04 && q < 0.05));
    }
    return plans;
  }

  /** JPEGs of several sizes, with structure so that they compress like photographs. */
  private static List<byte[]> images(Random r) throws IOException {
    int[][] sizes = {
      {320, 240},
      {480, 360},
      {640, 480},
      {800, 600},
      {1024, 768},
      {1280, 960},
      {1600, 1200},
      {600, 800}
    };
    List<byte[]> out = new ArrayList<>();
    for (int[] s : sizes) {
      BufferedImage img = new BufferedImage(s[0], s[1], BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setPaint(
          new GradientPaint(0, 0, new Color(200, 150, 130), s[0], s[1], new Color(120, 80, 70)));
      g.fillRect(0, 0, s[0], s[1]);
      for (int i = 0; i < 60; i++) {
        g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), 120));
        g.fillOval(
            r.nextInt(s[0]), r.nextInt(s[1]), 10 + r.nextInt(s[0] / 3), 10 + r.nextInt(s[1] / 3));
      }
      g.dispose();
      ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(bytes)) {
        w.setOutput(ios);
        ImageWriteParam param = w.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        w.write(null, new IIOImage(img, null, null), param);
      } finally {
        w.dispose();
      }
      out.add(bytes.toByteArray());
    }
    return out;
  }

  int port() {
    return server.getAddress().getPort();
  }

  Map<String, Plan> plans() {
    return plans;
  }

  /** The DNS of the simulated web. */
  HostResolver resolver() {
    return host -> {
      Plan p = plans.get(host.toLowerCase(Locale.ROOT));
      if (p == null) {
        throw new UnknownHostException(host + ": not in the simulated web");
      }
      sleep(p.kind() == Kind.NXDOMAIN_SLOW ? 5000 : p.kind() == Kind.NXDOMAIN ? 40 : 15);
      return switch (p.kind()) {
        case NXDOMAIN, NXDOMAIN_SLOW ->
            throw new UnknownHostException(host + ": Name or service not known");
        case REFUSED ->
            new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 2})};
        default -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
      };
    };
  }

  /**
   * Writes the host table the patched reference reads: host, then 127.0.0.1, 127.0.0.2, nx or
   * nx-slow.
   */
  void writeHosts(Path file) throws IOException {
    StringBuilder b = new StringBuilder();
    plans.forEach(
        (host, p) ->
            b.append(host)
                .append('\t')
                .append(
                    switch (p.kind()) {
                      case NXDOMAIN -> "nx";
                      case NXDOMAIN_SLOW -> "nx-slow";
                      case REFUSED -> "127.0.0.2";
                      default -> "127.0.0.1";
                    })
                .append('\n'));
    Files.writeString(file, b.toString());
  }

  /** Returns the manifest with every URL pointing at this server: {@code http://HOST:PORT/path}. */
  Manifest rewrite(Manifest manifest) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (ManifestEntry e : manifest.entries()) {
      entries.add(
          new ManifestEntry(
              e.id(),
              e.label(),
              e.box(),
              "http://" + hostOf(e.url()) + ":" + port() + pathOf(e.url()),
              e.line(),
              e.flags()));
    }
    return Manifest.of("simulated web", entries);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try (InputStream in = ex.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      String host = ex.getRequestHeaders().getFirst("Host");
      host = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
      Plan p = plans.get(host);
      if (p == null) {
        send(ex, 404, "text/html", "<html>no such host</html>".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (p.kind() == Kind.HANGING) {
        stopped.await(180, TimeUnit.SECONDS); // accepts, then never answers
        return;
      }
      Thread.sleep(p.latencyMs());
      String ua = ex.getRequestHeaders().getFirst("User-Agent");
      if (p.refusesBots()
          && (ua == null
              || ua.contains("compatible;")
              || !(ua.contains("Chrome/") || ua.contains("Firefox/") || ua.contains("Safari/")))) {
        send(
            ex,
            403,
            "text/html",
            "<html><body>Access denied</body></html>".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path =
          ex.getRequestURI().getRawPath()
              + (ex.getRequestURI().getRawQuery() == null
                  ? ""
                  : "?" + ex.getRequestURI().getRawQuery());
      Fault f = faults.getOrDefault(path, Fault.NONE);
      byte[] image = images.get(Math.floorMod(path.hashCode(), images.size()));
      if (p.noai()) {
        ex.getResponseHeaders().add("X-Robots-Tag", "noai, noimageai");
      }
      switch (f) {
        case NOT_FOUND ->
            send(
                ex,
                404,
                "text/html",
                "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8));
        case FORBIDDEN ->
            send(
                ex,
                403,
                "text/html",
                "<html><body>Forbidden</body></html>".getBytes(StandardCharsets.UTF_8));
        case SOFT_404 ->
            send(
                ex,
                200,
                "text/html",
                ("<!DOCTYPE html><html><head><title>Page not found</title></head>"
                        + "<body>Sorry, this image has moved.</body></html>")
                    .getBytes(StandardCharsets.UTF_8));
        case DRIP -> {
          byte[] body = images.get(2);
          ex.getResponseHeaders().add("Content-Type", "image/jpeg");
          ex.sendResponseHeaders(200, body.length);
          OutputStream out = ex.getResponseBody();
          for (int i = 0; i < body.length; i += 1024) {
            out.write(body, i, Math.min(1024, body.length - i));
            out.flush();
            if (stopped.await(1, TimeUnit.SECONDS)) {
              return;
            }
          }
        }
        default -> send(ex, 200, "image/jpeg", image);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (timeouts, aborted drips)
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String hostOf(String url) {
    String rest = url.substring(url.indexOf("://") + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    return authority.replaceFirst(":\\d*$", "").toLowerCase(Locale.ROOT);
  }

  static String pathOf(String url) {
    String rest = url.substring(url.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    int q = rest.indexOf('?');
    int start = slash < 0 ? q : q < 0 ? slash : Math.min(slash, q);
    String path = start < 0 ? "/" : rest.substring(start);
    if (path.startsWith("?")) {
      path = "/" + path;
    }
    int hash = path.indexOf('#');
    return hash >= 0 ? path.substring(0, hash) : path;
  }

  @Override
  public void close() {
    stopped.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  /** Runs the simulated web benchmark; see the class comment. */
  public static void main(String[] args) throws Exception {
    Path out = null;
    Path reference = null;
    String userAgent = null;
    Integer threads = null;
    long seed = 12;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> i++;
        case "--out" -> out = Path.of(args[++i]);
        case "--reference" -> reference = Path.of(args[++i]);
        case "--user-agent" -> userAgent = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    Files.createDirectories(out);
    Manifest bundled = Manifest.can4000();
    try (SimulatedWeb web = new SimulatedWeb(bundled, seed)) {
      Manifest manifest = web.rewrite(bundled);
      Path manifestFile = out.resolve("simweb-manifest.csv");
      List<String> lines = new ArrayList<>();
      for (ManifestEntry e : manifest.entries()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%05d %s %s %s %s %s %s",
                e.id(),
                e.label(),
                e.box().x(),
                e.box().y(),
                e.box().width(),
                e.box().height(),
                e.url()));
      }
      Files.write(manifestFile, lines);
      Path hosts = out.resolve("simweb-hosts.tsv");
      web.writeHosts(hosts);
      System.out.println(
          "simulated web: " + describe(web.plans(), bundled, web) + " on port " + web.port());
      System.out.flush();

      Path javaOut = out.resolve("java");
      long t0 = System.nanoTime();
      RunReport report = web.download(manifest, javaOut, userAgent, threads);
      double wall = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "can4000 (defaults%s%s): %.1f s, %d rows recorded of %d, %d written; %s%n",
          userAgent == null ? "" : ", user agent " + userAgent,
          threads == null ? "" : ", threads " + threads,
          wall,
          report.total(),
          manifest.size(),
          report.written(),
          counts(report));
      System.out.flush();

      if (reference != null) {
        Path refOut = out.resolve("reference");
        ProcessBuilder pb =
            new ProcessBuilder(
                Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3",
                reference.toString(),
                manifestFile.toString(),
                refOut.toString(),
                "--timeout",
                "10");
        pb.environment().put("CAN4000_SIM_HOSTS", hosts.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.resolve("reference.log").toFile());
        long r0 = System.nanoTime();
        int code = pb.start().waitFor();
        double refWall = (System.nanoTime() - r0) / 1e9;
        List<String> log = Files.readAllLines(out.resolve("reference.log"));
        System.out.printf(
            Locale.ROOT,
            "reference_timeout.py (8 threads, 10 s per request): %.1f s, exit %d; %s%n",
            refWall,
            code,
            String.join(" | ", log.subList(Math.max(0, log.size() - 3), log.size())));
        System.out.printf(Locale.ROOT, "speed-up: %.2fx%n", refWall / wall);
      }
    }
  }

  /** Downloads as {@code download} does by default: folder sink, lockfile, report. */
  RunReport download(Manifest manifest, Path out, String userAgent, Integer threads)
      throws IOException {
    HttpFetchers.Builder fb =
        HttpFetchers.builder().proxies(Proxies.none()).hostResolver(resolver());
    if ("browser".equals(userAgent)) {
      fb.userAgent(HttpFetchers.BROWSER_USER_AGENT);
    } else if (userAgent != null) {
      fb.userAgent(userAgent);
    }
    LockRecorder recorder = Lockfiles.recorder();
    Decoder decoder = ImageDecoders.standard();
    Fetcher fetcher = fb.build();
    io.github.can4000.DatasetBuilder db =
        Dataset.builder().manifest(manifest).cropper(Cropper.reference());
    if (threads != null) {
      db.concurrency(threads);
    }
    RunReport report;
    try (Dataset ds = db.fetcher(recorder.wrap(fetcher)).decoder(recorder.wrap(decoder)).build();
        Sink sink = Sinks.folder(out)) {
      report = ds.writeTo(sink);
    }
    ReportCsv.write(out.resolve(ReportCsv.FILE_NAME), report.outcomes());
    Lockfiles.write(out.resolve(Lockfiles.FILE_NAME), recorder.entries());
    return report;
  }

  private static String counts(RunReport report) {
    Map<Reason, Integer> m = new EnumMap<>(Reason.class);
    for (Outcome o : report.outcomes()) {
      m.merge(o.reason(), 1, Integer::sum);
    }
    return m.toString();
  }

  private static String describe(Map<String, Plan> plans, Manifest manifest, SimulatedWeb web) {
    Map<Kind, Integer> hosts = new EnumMap<>(Kind.class);
    Map<Kind, Integer> rows = new EnumMap<>(Kind.class);
    for (Plan p : plans.values()) {
      hosts.merge(p.kind(), 1, Integer::sum);
    }
    for (ManifestEntry e : manifest.entries()) {
      rows.merge(plans.get(hostOf(e.url())).kind(), 1, Integer::sum);
    }
    Map<Fault, Integer> faultRows = new EnumMap<>(Fault.class);
    int bots = 0;
    int noai = 0;
    for (ManifestEntry e : manifest.entries()) {
      Plan p = plans.get(hostOf(e.url()));
      if (p.kind() == Kind.ALIVE) {
        faultRows.merge(web.faults.get(pathOf(e.url())), 1, Integer::sum);
        bots += p.refusesBots() ? 1 : 0;
        noai += p.noai() ? 1 : 0;
      }
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("hosts", plans.size());
    d.put("hosts by kind", hosts);
    d.put("rows by host kind", rows);
    d.put("rows on live hosts by fault", faultRows);
    d.put("rows on bot-refusing hosts", bots);
    d.put("rows on noai hosts", noai);
    return d.toString();
  }
}

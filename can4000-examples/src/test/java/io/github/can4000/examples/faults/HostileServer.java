package io.github.can4000.examples.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on loopback for what WireMock cannot send: a 2 GiB declared body, a body
 * shorter than its Content-Length and an endless chunked body. Each connection serves one request,
 * routed by path; unknown paths get a 404.
 */
public final class HostileServer implements AutoCloseable {
  /** The path of a response declaring a 2 GiB body and then sending zeros slowly, forever. */
  public static final String HUGE = "/huge.jpg";
  /** The path of a response declaring 1000 bytes, sending 100 and closing. */
  public static final String SHORT = "/short.png";
  /** The path of an endless chunked body sent as fast as the client reads. */
  public static final String ENDLESS = "/endless.jpg";

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final byte[] shortBodyStart;

  /** Starts the server; {@code shortBodyStart} are the bytes sent of the short body (100 at most). */
  public HostileServer(byte[] shortBodyStart) throws IOException {
    this.shortBodyStart = shortBodyStart.clone();
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          sockets.add(s);
          Thread t = new Thread(() -> serve(s), "hostile-server-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "hostile-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns the URL of {@code path} on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  /** Returns how many requests {@code path} received. */
  public int requests(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  private void serve(Socket s) {
    try (s) {
      String head = readHead(s.getInputStream());
      String[] requestLine = head.split("\r\n", 2)[0].split(" ");
      String path = requestLine.length > 1 ? requestLine[1] : "/";
      requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      OutputStream out = s.getOutputStream();
      switch (path) {
        case HUGE -> {
          out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 2147483648\r\n\r\n"));
          byte[] chunk = new byte[8192];
          while (true) {
            out.write(chunk);
            Thread.sleep(5);
          }
        }
        case SHORT -> {
          out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n"));
          out.write(shortBodyStart, 0, Math.min(100, shortBodyStart.length));
          out.flush();
        }
        case ENDLESS -> {
          out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\n"));
          byte[] chunk = new byte[16 * 1024];
          byte[] chunkHead = ascii(Integer.toHexString(chunk.length) + "\r\n");
          byte[] crlf = ascii("\r\n");
          while (true) {
            out.write(chunkHead);
            out.write(chunk);
            out.write(crlf);
          }
        }
        default -> out.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
      }
      out.flush();
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    int b;
    while (state < 4 && (b = in.read()) != -1) {
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}

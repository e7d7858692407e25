package io.github.can4000.io.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP server on loopback for responses WireMock cannot produce (lying Content-Length,
 * endless bodies): each connection's request head is read, then {@code handler} writes whatever it
 * likes.
 */
final class RawServer implements AutoCloseable {
  interface Handler {
    void handle(OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  RawServer(Handler handler) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          sockets.add(s);
          Thread t = new Thread(() -> serve(s, handler), "raw-server-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve(Socket s, Handler handler) {
    try (s) {
      requests.add(readHead(s.getInputStream()));
      handler.handle(s.getOutputStream());
      s.getOutputStream().flush();
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

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  List<String> requests() {
    return requests;
  }

  static byte[] ascii(String s) {
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

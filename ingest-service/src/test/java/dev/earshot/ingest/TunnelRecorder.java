package dev.earshot.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An https proxy that records where each tunnel was asked to go ({@code CONNECT host:port}) and
 * refuses it (502): with {@code https.proxyHost}/{@code https.proxyPort} pointing here, a test sees
 * which Gong host a request would have reached, and nothing leaves the machine.
 */
public final class TunnelRecorder implements AutoCloseable {

  private final ServerSocket server;
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private String previousHost;
  private String previousPort;

  private TunnelRecorder(ServerSocket server) {
    this.server = server;
    this.acceptor = Thread.ofVirtual().start(this::accept);
  }

  /** Starts the proxy and makes it the JVM's https proxy until {@link #close()}. */
  public static TunnelRecorder install() {
    try {
      TunnelRecorder proxy =
          new TunnelRecorder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      proxy.previousHost = System.getProperty("https.proxyHost");
      proxy.previousPort = System.getProperty("https.proxyPort");
      System.setProperty("https.proxyHost", "127.0.0.1");
      System.setProperty("https.proxyPort", Integer.toString(proxy.server.getLocalPort()));
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code host:port} a tunnel was asked for, in order. */
  public List<String> targets() {
    return List.copyOf(targets);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> refuse(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void refuse(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String requestLine = in.readLine();
      if (requestLine != null && requestLine.startsWith("CONNECT ")) {
        targets.add(requestLine.split(" ")[1]);
      }
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        // headers: nothing to keep
      }
      socket
          .getOutputStream()
          .write(
              "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
    } catch (IOException ignored) {
      // the client gave up first: nothing to record
    }
  }

  @Override
  public void close() {
    restore("https.proxyHost", previousHost);
    restore("https.proxyPort", previousPort);
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor.interrupt();
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}

package dev.earshot.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port that starts forwarding to a broker only when the test says so: until then nothing
 * listens on it, as with a broker that is not reachable yet. Kafka clients bootstrap through it and
 * then talk to the broker's advertised address.
 */
final class TcpRelay implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private TcpRelay(ServerSocket server, String host, int port) {
    this.server = server;
    Thread.ofVirtual().start(() -> accept(host, port));
  }

  /** Starts listening on {@code listenPort} and forwarding each connection to host:port. */
  static TcpRelay open(int listenPort, String host, int port) throws IOException {
    return new TcpRelay(
        new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress()), host, port);
  }

  private void accept(String host, int port) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket broker = new Socket(host, port);
        sockets.add(client);
        sockets.add(broker);
        pump(client, broker);
        pump(broker, client);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException closed) {
                // one side went away; the other side's pump ends as well
              }
            });
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}

package dev.earshot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a port option of 0 ("any free port") resolves to, for a server that binds it later.
 *
 * <p>{@code new ServerSocket(0)} hands out a port of the kernel's <em>ephemeral</em> range, the
 * range every outgoing connection takes its local port from too (Linux: {@code
 * /proc/sys/net/ipv4/ip_local_port_range}, 32768–60999 by default; see the kernel's ip-sysctl
 * documentation). A port chosen that way and bound seconds later — after a broker, a database and
 * other services have opened hundreds of client connections — can by then be some connection's
 * local port, and the bind fails ({@code BindException: Address already in use}). So a port is
 * chosen below that range, where only listeners take ports, checked free by binding it once, and
 * never handed out twice by this JVM (two servers of one stack each ask before either binds). The
 * range is read from procfs; where it cannot be read, Linux's default start, 32768, is assumed
 * (macOS's range starts higher, at 49152); where it starts too low to leave room, the kernel's
 * choice is used.
 */
public final class FreePorts {

  /**
   * The lowest port chosen: clear of the well-known ports (below 1024) and of the default ports of
   * the servers a developer runs locally (PostgreSQL 5432, HTTP 8080–8090, Kafka 9092–9093).
   */
  static final int LOWEST = 10_000;

  /** Linux's default first ephemeral port, used when the range cannot be read. */
  static final int DEFAULT_FIRST_EPHEMERAL = 32_768;

  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int ATTEMPTS = 200;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /**
   * A port nothing listens on now, below the ephemeral range when there is room.
   *
   * @throws UncheckedIOException when no port can be bound at all
   */
  public static int pick() {
    return pick(LOWEST, firstEphemeral());
  }

  /**
   * {@code port} itself when it is not 0, else {@link #pick()}: how a {@code --port} option's 0
   * ("any free port") is resolved.
   */
  public static int orPick(int port) {
    return port != 0 ? port : pick();
  }

  /** As {@link #pick()}, from {@code [lowest, firstEphemeral)} (empty: the kernel chooses). */
  static int pick(int lowest, int firstEphemeral) {
    if (firstEphemeral > lowest) {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(lowest, firstEphemeral);
        if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
          return port;
        }
      }
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** The first port of the kernel's ephemeral range; 32768 where it cannot be read. */
  static int firstEphemeral() {
    // read as a line: procfs files report no size, and Files.readString reads them short
    try (BufferedReader reader = Files.newBufferedReader(RANGE)) {
      int first = Integer.parseInt(reader.readLine().strip().split("\\s+")[0]);
      return first > 0 && first <= 65_535 ? first : DEFAULT_FIRST_EPHEMERAL;
    } catch (IOException | RuntimeException e) {
      return DEFAULT_FIRST_EPHEMERAL;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

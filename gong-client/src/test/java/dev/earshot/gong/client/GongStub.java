package dev.earshot.gong.client;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.url.BaseUrlGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that answers each path with a fixed status, headers and body, and counts
 * requests: for the shapes of Gong answers the simulator does not produce.
 */
final class GongStub implements AutoCloseable {

  /** One canned answer. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, String> lastRequests = new ConcurrentHashMap<>();
  private volatile java.util.function.Consumer<String> onRequest = path -> {};

  GongStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          onRequest.accept(path);
          int nth = requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          lastRequests.put(
              path, exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
          List<Answer> inTurn =
              answers.getOrDefault(path, List.of(new Answer(404, Map.of(), "{}")));
          Answer answer = inTurn.get((nth - 1) % inTurn.size());
          answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          byte[] answered = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), answered.length);
          exchange.getResponseBody().write(answered);
          exchange.close();
        });
    server.start();
  }

  GongStub answer(String path, int status, String body) {
    return answer(path, status, Map.of(), body);
  }

  GongStub answer(String path, int status, Map<String, String> headers, String body) {
    return answerInTurn(path, new Answer(status, headers, body));
  }

  /** Answers {@code path}'s requests with these in turn: the first, the second, …, the first. */
  GongStub answerInTurn(String path, Answer... inTurn) {
    answers.put(path, List.of(inTurn));
    return this;
  }

  /** Runs {@code hook} with each request's path as it arrives, before it is answered. */
  void onRequest(java.util.function.Consumer<String> hook) {
    onRequest = hook;
  }

  int requests(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  /** The last request to {@code path}: {@code "<method> <uri> <body>"}, or null. */
  String lastRequest(String path) {
    return lastRequests.get(path);
  }

  String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** A client for this stub with no rate limiting and quick retries. */
  GongClient client() {
    GongRateLimiter unlimited = key -> Duration.ZERO;
    return GongClient.builder()
        .baseUrl(BaseUrlGuard.allowingLocal(java.util.Set.of(baseUrl())).check(baseUrl()))
        .credentials(new GongCredentials.AccessKey("key", "secret"))
        .rateLimiter(unlimited)
        .retry(
            new RetrySettings(
                2,
                Duration.ofMillis(5),
                Duration.ofMillis(20),
                0,
                Duration.ofMinutes(2),
                Duration.ofSeconds(5)))
        .build();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.earshot.extraction.model.llm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server standing in for a model provider: it records each request and answers from a
 * queue of replies written in the provider's real format.
 */
final class FakeProvider implements AutoCloseable {

  record Reply(int status, Map<String, String> headers, String body, long delayMs) {
    static Reply ok(String body) {
      return new Reply(200, Map.of(), body, 0);
    }
  }

  record Seen(String path, Map<String, List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private static final JsonMapper json = JsonMapper.builder().build();
  private final HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  FakeProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.add(
              new Seen(
                  exchange.getRequestURI().toString(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  json.readTree(body)));
          Reply reply;
          synchronized (replies) {
            reply = replies.isEmpty() ? new Reply(500, Map.of(), "{}", 0) : replies.removeFirst();
          }
          try {
            Thread.sleep(reply.delayMs());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          try {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          } catch (IOException clientGone) {
            exchange.close();
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  void reply(Reply... next) {
    synchronized (replies) {
      replies.addAll(List.of(next));
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.earshot.dedup.post;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} on a local port: vectors of {@link #DIMENSION}
 * derived from each text (the same text, the same vector), or, while told to fail, an error answer
 * with a status and a body that echoes the input, as providers do.
 */
final class EmbeddingStub implements AutoCloseable {

  static final int DIMENSION = 8;
  private static final JsonMapper json = JsonMapper.builder().build();

  private final HttpServer server;
  private volatile int failingWith;
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();

  EmbeddingStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/embeddings",
        exchange -> {
          JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
          int status = failingWith;
          byte[] reply;
          if (status != 0) {
            failed.incrementAndGet();
            reply =
                json.writeValueAsBytes(
                    Map.of(
                        "error",
                        Map.of(
                            "message",
                            "cannot embed " + body.path("input"),
                            "type",
                            "stub_error")));
          } else {
            answered.incrementAndGet();
            status = 200;
            List<Object> data = new ArrayList<>();
            for (int i = 0; i < body.path("input").size(); i++) {
              data.add(
                  Map.of(
                      "object",
                      "embedding",
                      "index",
                      i,
                      "embedding",
                      vector(body.path("input").get(i).asString())));
            }
            reply = json.writeValueAsBytes(Map.of("object", "list", "data", data));
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    server.start();
  }

  private static List<Double> vector(String text) {
    Random random = new Random(text.hashCode());
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < DIMENSION; i++) {
      v.add(random.nextGaussian());
    }
    return v;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request fails with this status until {@link #recover()}. */
  void failWith(int status) {
    failed.set(0);
    failingWith = status;
  }

  void recover() {
    failingWith = 0;
  }

  /** Requests refused since the last {@link #failWith}. */
  int failed() {
    return failed.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.earshot.dedup.judge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server standing in for a language-model provider: it records each request and
 * answers from a queue of replies written in the provider's real format (an empty queue answers
 * 503). A reply can hang until the stub closes, for timeouts.
 */
public final class ProviderStub implements AutoCloseable {

  /** One answer. */
  public record Reply(int status, String body, boolean hang) {
    public static Reply ok(String body) {
      return new Reply(200, body, false);
    }

    public static Reply status(int status, String body) {
      return new Reply(status, body, false);
    }

    public static Reply hanging() {
      return new Reply(200, "{}", true);
    }
  }

  /** One request as received. */
  public record Seen(String path, Map<String, List<String>> headers, JsonNode body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private static final JsonMapper json = JsonMapper.builder().build();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Deque<Reply> replies = new ArrayDeque<>();
  public final List<Seen> seen = new CopyOnWriteArrayList<>();

  /**
   * Work to do while a request waits for its answer (one per request, in arrival order): what
   * happens elsewhere while the provider thinks. What any of it throws is kept in {@link
   * #hookFailures}, and the request is answered anyway.
   */
  public final Deque<Runnable> before = new ConcurrentLinkedDeque<>();

  public final List<Throwable> hookFailures = new CopyOnWriteArrayList<>();

  public ProviderStub() throws IOException {
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
            reply = replies.isEmpty() ? Reply.status(503, "{}") : replies.removeFirst();
          }
          Runnable hook = before.poll();
          if (hook != null) {
            try {
              hook.run();
            } catch (Throwable t) {
              hookFailures.add(t);
            }
          }
          if (reply.hang()) {
            try {
              closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
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
    server.setExecutor(threads);
    server.start();
  }

  public void reply(Reply... next) {
    synchronized (replies) {
      replies.addAll(List.of(next));
    }
  }

  /** A stub started for a test class's static field (an I/O failure fails the class). */
  public static ProviderStub started() {
    try {
      return new ProviderStub();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The judge's answer {@code {"post": n}} (0: none of the candidates) as an OpenAI chat completion
   * billed 280 prompt and 6 answer tokens.
   */
  public static String judgePick(int n) {
    return openAiAnswer("{\"post\": " + n + "}", 280, 6);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** An OpenAI chat completion whose message content is {@code content}. */
  public static String openAiAnswer(String content, int promptTokens, int completionTokens) {
    return json.writeValueAsString(
        Map.of(
            "id",
            "chatcmpl-1",
            "object",
            "chat.completion",
            "model",
            "gpt-test",
            "choices",
            List.of(
                Map.of(
                    "index",
                    0,
                    "finish_reason",
                    "stop",
                    "message",
                    Map.of("role", "assistant", "content", content))),
            "usage",
            Map.of(
                "prompt_tokens",
                promptTokens,
                "completion_tokens",
                completionTokens,
                "total_tokens",
                promptTokens + completionTokens)));
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}

package dev.earshot.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.RetrySettings;
import dev.earshot.gong.url.BaseUrlGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A Gong stand-in for answers the simulator does not give (a 403 naming no scope, a token answer
 * without a field, an answer that never comes): a JDK {@link HttpServer} on a free loopback port
 * whose answer per {@code METHOD path} the test sets. Unset routes answer Gong's 404 shape. Every
 * request is recorded.
 */
public final class GongStub implements AutoCloseable {

  /** What a route answers: a status, a JSON body and headers; or a dropped connection. */
  public record Answer(int status, String body, Map<String, String> headers, boolean drop) {

    public static Answer json(int status, String body) {
      return new Answer(status, body, Map.of(), false);
    }

    /** Gong's error shape with one message. */
    public static Answer error(int status, String message) {
      return json(status, "{\"requestId\":\"stub\",\"errors\":[\"" + message + "\"]}");
    }

    /** The body of a file, e.g. a field case's Gong answer. */
    public static Answer file(int status, Path file) {
      try {
        return json(status, Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The connection is closed without an answer: the caller cannot know what happened. */
    public static Answer dropped() {
      return new Answer(0, "", Map.of(), true);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Answer(status, body, all, drop);
    }
  }

  /** A request the stub received. */
  public record Request(String method, String path, String query, String body) {}

  /** A users page of {@code count} users, as {@code GET /v2/users} answers. */
  public static Answer users(int count) {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add("{\"id\":\"u" + i + "\",\"emailAddress\":\"user" + i + "@example.com\"}");
    }
    return Answer.json(
        200,
        "{\"requestId\":\"stub\",\"records\":{\"totalRecords\":"
            + count
            + ",\"currentPageSize\":"
            + count
            + ",\"currentPageNumber\":0},\"users\":["
            + String.join(",", users)
            + "]}");
  }

  private final HttpServer server;
  private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
  private final List<Request> received = new CopyOnWriteArrayList<>();

  private GongStub(HttpServer server) {
    this.server = server;
  }

  public static GongStub start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      GongStub stub = new GongStub(server);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", stub::serve);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code METHOD path} answers {@code answer} from now on. */
  public GongStub answer(String method, String path, Answer answer) {
    return handle(method, path, request -> answer);
  }

  /** {@code METHOD path} answers what {@code handler} returns for each request. */
  public GongStub handle(String method, String path, Function<Request, Answer> handler) {
    routes.put(method + " " + path, handler);
    return this;
  }

  /** Forgets every route and recorded request. */
  public void reset() {
    routes.clear();
    received.clear();
  }

  public List<Request> received() {
    return List.copyOf(received);
  }

  /** How many requests reached {@code METHOD path}. */
  public long requests(String method, String path) {
    return received.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .count();
  }

  /**
   * The failure a gong-client request to {@code GET /v2/users} meets when Gong answers {@code
   * answer} (one attempt): the typed exception the loops hand to ingest-service.
   */
  public GongApiException failureOf(Answer answer) {
    answer("GET", "/v2/users", answer);
    GongClient client =
        GongClient.builder()
            .baseUrl(BaseUrlGuard.allowingLocal(Set.of(baseUrl())).check(baseUrl()))
            .credentials(new GongCredentials.AccessKey("key", "secret"))
            .connectionKey("stub-" + System.nanoTime())
            .retry(RetrySettings.defaults().withoutRetries())
            .build();
    try {
      client.users(null);
    } catch (GongApiException failure) {
      return failure;
    }
    throw new IllegalStateException("Gong's answer was not a failure: " + answer);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      Request request =
          new Request(
              exchange.getRequestMethod(),
              uri.getPath(),
              uri.getRawQuery(),
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      received.add(request);
      Answer answer =
          routes
              .getOrDefault(
                  request.method() + " " + request.path(),
                  r -> Answer.error(404, "No route for " + r.path()))
              .apply(request);
      if (answer.drop()) {
        return;
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

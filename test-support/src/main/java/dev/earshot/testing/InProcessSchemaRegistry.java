package dev.earshot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schema registry in the test JVM that speaks the part of Apicurio Registry's REST API the
 * Apicurio Avro serde calls (v2: create-or-find an artifact version, content by content id, its
 * references), plus the Confluent-compatible read a Confluent deserializer makes ({@code GET
 * /apis/ccompat/v7/schemas/ids/{id}}). Artifacts live in memory; content ids are shared by equal
 * content across artifacts, as in Apicurio. A new version must pass the compatibility rule against
 * the latest version (BACKWARD by default, checked with Avro's {@link SchemaCompatibility}: the new
 * schema must read data written with the latest); a failing one is refused with 409 and a
 * rule-violation body, as Apicurio does.
 *
 * <p>Binds to 127.0.0.1 on a free port; {@link #url()} is what {@code apicurio.registry.url} takes.
 * Close it to stop the server.
 */
public final class InProcessSchemaRegistry implements AutoCloseable {

  /** The compatibility rule the registry applies to a new version of an artifact. */
  public enum Compatibility {
    /** No check. */
    NONE,
    /** The new schema reads data written with the latest version. */
    BACKWARD
  }

  private static final String V2 = "/apis/registry/v2";
  private static final String CCOMPAT = "/apis/ccompat/v7";
  private static final Pattern CREATE = Pattern.compile(V2 + "/groups/([^/]+)/artifacts");
  private static final Pattern CONTENT = Pattern.compile(V2 + "/ids/contentIds/(\\d+)");
  private static final Pattern REFERENCES =
      Pattern.compile(V2 + "/ids/contentIds/(\\d+)/references");
  private static final Pattern CCOMPAT_SCHEMA = Pattern.compile(CCOMPAT + "/schemas/ids/(\\d+)");

  /** How Apicurio's v2 API writes dates, e.g. {@code 2026-12-01T13:00:00+0000}. */
  private static final java.time.format.DateTimeFormatter APICURIO_DATE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

  private static final String EXTENDED = "application/create.extended+json";

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpServer server;
  private final Compatibility compatibility;
  private final List<String> contents = new ArrayList<>();
  private final Map<String, List<Version>> artifacts = new LinkedHashMap<>();
  private long nextGlobalId = 1;

  /** One version of an artifact: its coordinates and ids. */
  public record Version(
      String groupId, String artifactId, int version, long globalId, long contentId) {}

  private InProcessSchemaRegistry(Compatibility compatibility) throws IOException {
    this.compatibility = compatibility;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a registry with the BACKWARD compatibility rule for every artifact. */
  public static InProcessSchemaRegistry start() {
    return start(Compatibility.BACKWARD);
  }

  /** Starts a registry applying the given compatibility rule to every artifact. */
  public static InProcessSchemaRegistry start(Compatibility compatibility) {
    try {
      return new InProcessSchemaRegistry(compatibility);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the in-process schema registry", e);
    }
  }

  /** The registry's base URL, e.g. {@code http://127.0.0.1:41234/apis/registry/v2}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + V2;
  }

  /** The versions of an artifact in the {@code default} group, oldest first (empty if none). */
  public synchronized List<Version> versions(String artifactId) {
    return List.copyOf(artifacts.getOrDefault(key("default", artifactId), List.of()));
  }

  /** The schema text stored under a content id. */
  public synchronized Optional<String> content(long contentId) {
    return contentId >= 1 && contentId <= contents.size()
        ? Optional.of(contents.get((int) contentId - 1))
        : Optional.empty();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher m;
      if ("POST".equals(method) && (m = CREATE.matcher(path)).matches()) {
        createArtifact(exchange, decode(m.group(1)));
      } else if ("GET".equals(method) && (m = REFERENCES.matcher(path)).matches()) {
        if (content(Long.parseLong(m.group(1))).isEmpty()) {
          notFound(exchange, "content id " + m.group(1));
        } else {
          send(exchange, 200, "application/json", "[]");
        }
      } else if ("GET".equals(method) && (m = CONTENT.matcher(path)).matches()) {
        Optional<String> content = content(Long.parseLong(m.group(1)));
        if (content.isEmpty()) {
          notFound(exchange, "content id " + m.group(1));
        } else {
          send(exchange, 200, "application/json", content.get());
        }
      } else if ("GET".equals(method) && (m = CCOMPAT_SCHEMA.matcher(path)).matches()) {
        Optional<String> content = content(Long.parseLong(m.group(1)));
        if (content.isEmpty()) {
          send(
              exchange,
              404,
              "application/json",
              "{\"error_code\":40403,\"message\":\"not found\"}");
        } else {
          send(
              exchange,
              200,
              "application/json",
              json.writeValueAsString(Map.of("schema", content.get())));
        }
      } else {
        notFound(exchange, method + " " + path);
      }
    } catch (RuntimeException e) {
      error(exchange, 500, "ServerError", String.valueOf(e.getMessage()));
    }
  }

  private void createArtifact(HttpExchange exchange, String groupId) throws IOException {
    String artifactId = exchange.getRequestHeaders().getFirst("X-Registry-ArtifactId");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null && contentType.startsWith(EXTENDED)) {
      JsonNode extended = json.readTree(body);
      if (extended.path("references").size() > 0) {
        error(exchange, 400, "BadRequestException", "artifact references are not supported here");
        return;
      }
      body = extended.path("content").asString();
    }
    if (artifactId == null || artifactId.isBlank()) {
      error(exchange, 400, "BadRequestException", "X-Registry-ArtifactId is required");
      return;
    }
    Schema proposed;
    try {
      proposed = new Schema.Parser().parse(body);
    } catch (SchemaParseException e) {
      error(exchange, 400, "InvalidContentException", "not an Avro schema: " + e.getMessage());
      return;
    }
    String ifExists = queryParam(exchange, "ifExists").orElse("FAIL");
    Outcome outcome;
    synchronized (this) {
      outcome = register(groupId, artifactId, body, proposed, ifExists);
    }
    if (outcome.version() != null) {
      send(exchange, 200, "application/json", json.writeValueAsString(metaData(outcome.version())));
    } else {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      byte[] bytes = json.writeValueAsBytes(outcome.error());
      exchange.sendResponseHeaders((Integer) outcome.error().get("error_code"), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private record Outcome(Version version, Map<String, Object> error) {}

  private Outcome register(
      String groupId, String artifactId, String body, Schema proposed, String ifExists) {
    List<Version> versions =
        artifacts.computeIfAbsent(key(groupId, artifactId), k -> new ArrayList<>());
    if (!versions.isEmpty()) {
      Version latest = versions.getLast();
      switch (ifExists) {
        case "FAIL" -> {
          return new Outcome(
              null, errorBody(409, "ArtifactAlreadyExistsException", artifactId + " exists"));
        }
        case "RETURN" -> {
          return new Outcome(latest, null);
        }
        case "RETURN_OR_UPDATE" -> {
          for (Version v : versions) {
            if (contents.get((int) v.contentId() - 1).equals(body)) {
              return new Outcome(v, null);
            }
          }
        }
        default -> {}
      }
      if (compatibility == Compatibility.BACKWARD) {
        Schema writer = new Schema.Parser().parse(contents.get((int) latest.contentId() - 1));
        var result =
            SchemaCompatibility.checkReaderWriterCompatibility(proposed, writer).getResult();
        if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
          Map<String, Object> error =
              errorBody(
                  409,
                  "RuleViolationException",
                  "Incompatible artifact: "
                      + groupId
                      + "/"
                      + artifactId
                      + " [AVRO], num of incompatible diffs: {"
                      + result.getIncompatibilities().size()
                      + "} [BACKWARD]");
          error.put(
              "causes",
              result.getIncompatibilities().stream()
                  .map(
                      i ->
                          Map.of(
                              "description",
                              i.getType() + ": " + i.getMessage(),
                              "context",
                              i.getLocation()))
                  .toList());
          return new Outcome(null, error);
        }
      }
    }
    int index = contents.indexOf(body);
    if (index < 0) {
      contents.add(body);
      index = contents.size() - 1;
    }
    Version created =
        new Version(groupId, artifactId, versions.size() + 1, nextGlobalId++, index + 1L);
    versions.add(created);
    return new Outcome(created, null);
  }

  private static Map<String, Object> metaData(Version v) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("groupId", v.groupId());
    meta.put("id", v.artifactId());
    meta.put("version", String.valueOf(v.version()));
    meta.put("type", "AVRO");
    meta.put("state", "ENABLED");
    meta.put("globalId", v.globalId());
    meta.put("contentId", v.contentId());
    String now = APICURIO_DATE.format(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
    meta.put("createdOn", now);
    meta.put("modifiedOn", now);
    meta.put("references", List.of());
    return meta;
  }

  private static Map<String, Object> errorBody(int code, String name, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("error_code", code);
    error.put("name", name);
    error.put("message", message);
    return error;
  }

  private void notFound(HttpExchange exchange, String what) throws IOException {
    error(exchange, 404, "NotFoundException", "no " + what);
  }

  private void error(HttpExchange exchange, int code, String name, String message)
      throws IOException {
    send(
        exchange,
        code,
        "application/json",
        json.writeValueAsString(errorBody(code, name, message)));
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Optional<String> queryParam(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
        return Optional.of(decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String key(String groupId, String artifactId) {
    return groupId + "/" + artifactId;
  }
}

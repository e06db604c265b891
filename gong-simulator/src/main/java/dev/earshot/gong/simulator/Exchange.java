package dev.earshot.gong.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** One HTTP exchange with the small helpers the routes need. */
final class Exchange {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_BODY = 1 << 20;

  private final HttpExchange exchange;
  private String body;

  Exchange(HttpExchange exchange) {
    this.exchange = exchange;
  }

  String method() {
    return exchange.getRequestMethod();
  }

  String path() {
    return exchange.getRequestURI().getPath();
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  Map<String, String> query() {
    return decodeForm(exchange.getRequestURI().getRawQuery());
  }

  /** Query parameters merged with a form-encoded body, as token endpoints accept both. */
  Map<String, String> params() throws IOException {
    Map<String, String> params = new LinkedHashMap<>(query());
    String contentType = header("Content-Type");
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
      params.putAll(decodeForm(body()));
    }
    return params;
  }

  String body() throws IOException {
    if (body == null) {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
          throw new IOException("request body too large");
        }
        body = new String(bytes, StandardCharsets.UTF_8);
      }
    }
    return body;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> jsonBody() throws IOException {
    String text = body();
    if (text.isBlank()) {
      return Map.of();
    }
    Object parsed = JSON.readValue(text, Object.class);
    return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  void json(int status, Object value) throws IOException {
    send(status, "application/json; charset=utf-8", JSON.writeValueAsString(value));
  }

  void send(int status, String contentType, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  void header(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  void redirect(URI location) throws IOException {
    exchange.getResponseHeaders().set("Location", location.toString());
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  static Map<String, String> decodeForm(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}

package dev.earshot.assistant.mcp;

import io.modelcontextprotocol.spec.McpError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a request to the MCP endpoint before the MCP server reads it, and answers one it cannot
 * take with a JSON-RPC 2.0 error and a 4xx, never a 500 or a stack trace.
 *
 * <p>Why here: the MCP Java SDK's Streamable HTTP transport (Spring AI's WebMvc provider, SDK
 * 2.0.0) answers a JSON-RPC message whose envelope it cannot use ({@code jsonrpc} missing, an
 * {@code id} that is null, an array or an object, a {@code method} that is not a string) with 500
 * "Internal server error"; a {@code tools/call} without {@code params}, with {@code params} or
 * {@code arguments} not an object or a {@code name} not a string threw out of the handler (500); an
 * {@code Accept} header that does not parse was a 500; and every error it answered itself carried
 * the whole {@link McpError} exception as its body, stack trace included (java-sdk issue 577). The
 * MCP specification (Streamable HTTP transport) has a server answer a message it cannot accept with
 * an HTTP error status (e.g. 400) whose body may be a JSON-RPC error response without an id; a
 * request without the session id a server requires is 400, an unknown session 404; and a client
 * must accept both {@code application/json} and {@code text/event-stream} on a POST. So:
 *
 * <ul>
 *   <li>POST: {@code Accept} must take both (else 406), {@code Content-Type} must be JSON (else
 *       415), the body at most {@link #MOST_BODY_BYTES} (else 413) and JSON (else 400, -32700 parse
 *       error): one JSON-RPC 2.0 object (MCP has no batches since 2025-06-18) whose {@code jsonrpc}
 *       is {@code "2.0"}, {@code id} (if any) a string or an integer that fits a long, {@code
 *       method} (if any) a non-empty string, {@code params} (if any) an object (else 400, -32600
 *       invalid request); {@code tools/call} needs {@code params.name} a string and {@code
 *       params.arguments}, if any, an object (else 400, -32602 invalid params, with the id).
 *   <li>GET and DELETE: the {@code Mcp-Session-Id} header is required (else 400), GET must accept
 *       {@code text/event-stream} (else 406); an unknown session's empty 404 gets a JSON-RPC error
 *       body.
 *   <li>{@link #errorsAsJsonRpc()}: the errors the SDK answers itself are written as a JSON-RPC
 *       error response ({@code {"jsonrpc":"2.0","id":null,"error":{"code","message"}}}), not as the
 *       exception.
 * </ul>
 */
final class JsonRpcProblems {

  /** The largest body a POST may carry: a tool call's arguments are a few words and numbers. */
  static final int MOST_BODY_BYTES = 256 * 1024;

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int INVALID_PARAMS = -32602;
  static final int METHOD_NOT_FOUND = -32601;

  /**
   * The requests an MCP server answers (the specification's client-to-server requests); another
   * method is answered -32601 here.
   */
  static final java.util.Set<String> SERVER_METHODS =
      java.util.Set.of(
          "initialize",
          "ping",
          "tools/list",
          "tools/call",
          "resources/list",
          "resources/templates/list",
          "resources/read",
          "resources/subscribe",
          "resources/unsubscribe",
          "prompts/list",
          "prompts/get",
          "completion/complete",
          "logging/setLevel");

  private static final String SESSION_HEADER = "Mcp-Session-Id";

  private final JsonMapper json;

  JsonRpcProblems(JsonMapper json) {
    this.json = json;
  }

  /** Checks the request and passes it on, or answers it with a JSON-RPC error. */
  void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    switch (request.getMethod()) {
      case "POST" -> post(request, response, chain);
      case "GET", "DELETE" -> stream(request, response, chain);
      default -> notAllowed(response);
    }
  }

  /**
   * Another HTTP method: 405 with {@code Allow}, as the MCP endpoint is there (Spring MVC's router
   * function does not answer 405; the request fell through to the static resources, a 404).
   */
  private void notAllowed(HttpServletResponse response) throws IOException {
    response.setHeader(HttpHeaders.ALLOW, "GET, POST, DELETE");
    writeProblem(
        response,
        json,
        HttpStatus.METHOD_NOT_ALLOWED,
        "Method not allowed",
        "method-not-allowed",
        "The MCP endpoint takes POST (a JSON-RPC message), GET (a session's stream) and DELETE"
            + " (the end of a session).");
  }

  /**
   * Answers with an RFC 9457 problem ({@code application/problem+json}, type {@code
   * https://earshot.dev/problems/<type>}) written straight to the response, for the MCP endpoint's
   * filters, which run before Spring MVC's problem handling.
   */
  static void writeProblem(
      HttpServletResponse response,
      JsonMapper json,
      HttpStatus status,
      String title,
      String type,
      String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("https://earshot.dev/problems/" + type));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  private void post(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    List<MediaType> accepted = mediaTypes(request.getHeader(HttpHeaders.ACCEPT));
    if (accepted == null
        || !takes(accepted, MediaType.APPLICATION_JSON)
        || !takes(accepted, MediaType.TEXT_EVENT_STREAM)) {
      refuse(
          response,
          HttpStatus.NOT_ACCEPTABLE,
          null,
          INVALID_REQUEST,
          "The Accept header must list both application/json and text/event-stream.");
      return;
    }
    if (!isJson(request.getContentType())) {
      refuse(
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          null,
          INVALID_REQUEST,
          "Send the JSON-RPC message as Content-Type: application/json.");
      return;
    }
    if (request.getContentLengthLong() > MOST_BODY_BYTES) {
      refuse(response, HttpStatus.CONTENT_TOO_LARGE, null, INVALID_REQUEST, tooLarge());
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MOST_BODY_BYTES + 1);
    }
    if (body.length > MOST_BODY_BYTES) {
      refuse(response, HttpStatus.CONTENT_TOO_LARGE, null, INVALID_REQUEST, tooLarge());
      return;
    }
    JsonNode message;
    try {
      message = body.length == 0 ? null : json.readTree(body);
    } catch (JacksonException | IllegalArgumentException unreadable) {
      message = null;
    }
    if (message == null || message.isMissingNode()) {
      refuse(
          response,
          HttpStatus.BAD_REQUEST,
          null,
          PARSE_ERROR,
          "Parse error: the body is not one JSON value (UTF-8).");
      return;
    }
    String invalid = invalidEnvelope(message);
    if (invalid != null) {
      refuse(
          response, HttpStatus.BAD_REQUEST, null, INVALID_REQUEST, "Invalid request: " + invalid);
      return;
    }
    JsonNode id = message.get("id");
    String method = message.path("method").stringValue(null);
    if (id != null && method != null && !SERVER_METHODS.contains(method)) {
      // the SDK answers these on the event stream and then leaves the stream open: the client
      // waits until its timeout (15 s in the sweep) and the server holds the request meanwhile
      unknownMethod(response, id, method);
      return;
    }
    String wrongParams = invalidParams(message);
    if (wrongParams != null) {
      refuse(
          response,
          HttpStatus.BAD_REQUEST,
          message.get("id"),
          INVALID_PARAMS,
          "Invalid params: " + wrongParams);
      return;
    }
    chain.doFilter(new ReadAgain(request, body), response);
  }

  private void stream(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String session = request.getHeader(SESSION_HEADER);
    if (session == null || session.isBlank()) {
      refuse(
          response,
          HttpStatus.BAD_REQUEST,
          null,
          INVALID_REQUEST,
          "The Mcp-Session-Id header is required: send the id initialize answered.");
      return;
    }
    if (request.getMethod().equals("GET")) {
      List<MediaType> accepted = mediaTypes(request.getHeader(HttpHeaders.ACCEPT));
      if (accepted == null || !takes(accepted, MediaType.TEXT_EVENT_STREAM)) {
        refuse(
            response,
            HttpStatus.NOT_ACCEPTABLE,
            null,
            INVALID_REQUEST,
            "The Accept header must list text/event-stream.");
        return;
      }
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpStatus.NOT_FOUND.value() && !response.isCommitted()) {
      // the SDK's answer to an unknown session is an empty 404
      response.resetBuffer();
      refuse(
          response,
          HttpStatus.NOT_FOUND,
          null,
          INVALID_REQUEST,
          "No such session: it ended or never was. Send initialize to open a new one.");
    }
  }

  /** What is wrong with a JSON-RPC 2.0 message's envelope, or null. */
  static String invalidEnvelope(JsonNode message) {
    if (!message.isObject()) {
      return "send one JSON-RPC 2.0 message as a JSON object (batches are not taken).";
    }
    if (!"2.0".equals(message.path("jsonrpc").stringValue(null))) {
      return "jsonrpc must be \"2.0\".";
    }
    JsonNode id = message.get("id");
    if (id != null && !(id.isString() || (id.isIntegralNumber() && id.canConvertToLong()))) {
      return "id must be a string or an integer (not null).";
    }
    JsonNode method = message.get("method");
    if (method != null && (!method.isString() || method.stringValue().isBlank())) {
      return "method must be a non-empty string.";
    }
    if (method == null && !message.has("result") && !message.has("error")) {
      return "a request or notification needs a method; a response a result or an error.";
    }
    JsonNode params = message.get("params");
    if (params != null && !params.isObject()) {
      return "params must be an object.";
    }
    return null;
  }

  /**
   * The params each request with required params must carry (MCP specification, schema 2025-06-18),
   * by name: {@code "s"} a non-empty string, {@code "o"} an object; a name ending {@code ?} is
   * optional but, when present and not null, of that kind.
   */
  static final java.util.Map<String, java.util.Map<String, String>> REQUIRED_PARAMS =
      java.util.Map.of(
          "initialize",
          java.util.Map.of("protocolVersion", "s", "capabilities", "o", "clientInfo", "o"),
          "tools/call",
          java.util.Map.of("name", "s", "arguments?", "o"),
          "resources/read",
          java.util.Map.of("uri", "s"),
          "resources/subscribe",
          java.util.Map.of("uri", "s"),
          "resources/unsubscribe",
          java.util.Map.of("uri", "s"),
          "prompts/get",
          java.util.Map.of("name", "s", "arguments?", "o"),
          "completion/complete",
          java.util.Map.of("ref", "o", "argument", "o"),
          "logging/setLevel",
          java.util.Map.of("level", "s"));

  /**
   * What is wrong with the params of a request whose params are required (the SDK's handlers threw
   * out of the transport on a missing or mistyped one: a 500), or null.
   */
  static String invalidParams(JsonNode message) {
    String method = message.path("method").stringValue(null);
    java.util.Map<String, String> required = method == null ? null : REQUIRED_PARAMS.get(method);
    if (required == null) {
      return null;
    }
    JsonNode params = message.get("params");
    if (params == null) {
      return method + " needs params " + new java.util.TreeSet<>(required.keySet()) + ".";
    }
    for (var field : new java.util.TreeMap<>(required).entrySet()) {
      boolean optional = field.getKey().endsWith("?");
      String name =
          optional ? field.getKey().substring(0, field.getKey().length() - 1) : field.getKey();
      JsonNode value = params.get(name);
      if (optional && (value == null || value.isNull())) {
        continue;
      }
      boolean fits =
          value != null
              && (field.getValue().equals("s")
                  ? value.isString() && !value.stringValue().isBlank()
                  : value.isObject());
      if (!fits) {
        return "params."
            + name
            + " must be "
            + (field.getValue().equals("s") ? "a non-empty string" : "an object")
            + ".";
      }
    }
    return null;
  }

  /** A JSON-RPC response (HTTP 200, the request was read) saying the method is not found. */
  private void unknownMethod(HttpServletResponse response, JsonNode id, String method)
      throws IOException {
    ObjectNode answer = json.createObjectNode();
    answer.put("jsonrpc", "2.0");
    answer.set("id", id);
    ObjectNode error = answer.putObject("error");
    error.put("code", METHOD_NOT_FOUND);
    error.put(
        "message",
        "Method not found: "
            + (method.length() > 80 ? method.substring(0, 80) + "…" : method)
            + ". This server takes "
            + String.join(", ", new java.util.TreeSet<>(SERVER_METHODS))
            + ".");
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), answer);
  }

  private void refuse(
      HttpServletResponse response, HttpStatus status, JsonNode id, int code, String message)
      throws IOException {
    ObjectNode answer = json.createObjectNode();
    answer.put("jsonrpc", "2.0");
    if (id == null) {
      answer.putNull("id");
    } else {
      answer.set("id", id);
    }
    ObjectNode error = answer.putObject("error");
    error.put("code", code);
    error.put("message", message);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), answer);
  }

  private static String tooLarge() {
    return "The message is larger than " + MOST_BODY_BYTES + " bytes.";
  }

  /** The media types of an {@code Accept} header (none: any), or null when it does not parse. */
  private static List<MediaType> mediaTypes(String header) {
    if (header == null || header.isBlank()) {
      return List.of(MediaType.ALL);
    }
    try {
      return MediaType.parseMediaTypes(header);
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
  }

  private static boolean takes(List<MediaType> accepted, MediaType type) {
    return accepted.stream().anyMatch(a -> a.includes(type));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.isCompatibleWith(type)
          && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
  }

  /**
   * Writes the MCP SDK's {@link McpError} — the body of the errors its transport answers itself —
   * as a JSON-RPC error response, not as the exception with its stack trace.
   */
  static SimpleModule errorsAsJsonRpc() {
    return new SimpleModule("mcp-errors-as-json-rpc")
        .addSerializer(
            McpError.class,
            new ValueSerializer<McpError>() {
              @Override
              public void serialize(
                  McpError error, JsonGenerator out, SerializationContext context) {
                var rpc = error.getJsonRpcError();
                out.writeStartObject();
                out.writeStringProperty("jsonrpc", "2.0");
                out.writeNullProperty("id");
                out.writeName("error");
                out.writeStartObject();
                out.writeNumberProperty(
                    "code", rpc == null || rpc.code() == null ? -32603 : rpc.code());
                out.writeStringProperty(
                    "message",
                    rpc == null || rpc.message() == null ? "Internal error" : rpc.message());
                out.writeEndObject();
                out.writeEndObject();
              }
            });
  }

  /** The request with its body, already read here, to be read again by the MCP server. */
  private static final class ReadAgain extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadAgain(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body was read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}

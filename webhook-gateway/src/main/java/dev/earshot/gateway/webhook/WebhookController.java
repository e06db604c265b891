package dev.earshot.gateway.webhook;

import dev.earshot.gateway.GatewayProperties;
import dev.earshot.kit.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/gong/{connectionId}}: the URL Gong's automation rule calls. Checks what can
 * be checked without reading the body (type, declared size), reads at most the limit, and answers
 * each outcome with one status: 202 accepted, 200 test, 400, 401, 404, 413, 415, 503.
 */
@RestController
class WebhookController {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final AcceptingWebhooks accepting;
  private final GatewayProperties properties;

  WebhookController(AcceptingWebhooks accepting, GatewayProperties properties) {
    this.accepting = accepting;
    this.properties = properties;
  }

  @PostMapping("/webhooks/gong/{connectionId}")
  ResponseEntity<?> receive(@PathVariable String connectionId, HttpServletRequest request)
      throws IOException {
    requireJson(request.getContentType());
    byte[] body = readLimited(request);
    IncomingWebhook webhook =
        new IncomingWebhook(
            connectionId,
            request.getParameter("key"),
            request.getHeader(HttpHeaders.AUTHORIZATION),
            calledUrl(request),
            body);
    return switch (accepting.accept(webhook)) {
      case WebhookOutcome.Accepted a ->
          ResponseEntity.status(HttpStatus.ACCEPTED)
              .body(Map.of("status", "accepted", "eventId", a.eventId(), "callId", a.callId()));
      case WebhookOutcome.TestReceived t ->
          ResponseEntity.ok(Map.of("status", "test_received", "callId", t.callId()));
      case WebhookOutcome.UnknownConnection u ->
          throw new ApiProblem(
              HttpStatus.NOT_FOUND,
              "unknown-webhook",
              "Unknown webhook",
              "No webhook is registered at this URL.");
      case WebhookOutcome.Unauthenticated u ->
          throw new ApiProblem(
              HttpStatus.UNAUTHORIZED,
              "webhook-unauthenticated",
              "Webhook not authenticated",
              "The webhook could not be authenticated.");
      case WebhookOutcome.Invalid i ->
          throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "invalid-webhook-payload",
              "Invalid webhook payload",
              i.reason() + ".");
      case WebhookOutcome.NotReady n -> retryLater("The gateway is starting; retry shortly.");
      case WebhookOutcome.Unavailable u ->
          retryLater("The event could not be stored right now; retry shortly.");
    };
  }

  private void requireJson(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      throw new ApiProblem(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-media-type",
          "Unsupported media type",
          "Webhooks must be sent as application/json.");
    }
  }

  private byte[] readLimited(HttpServletRequest request) throws IOException {
    long limit = properties.maxBody().toBytes();
    if (request.getContentLengthLong() > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes((int) limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    }
  }

  private String calledUrl(HttpServletRequest request) {
    String query = request.getQueryString();
    return properties.publicBaseUrl().replaceAll("/+$", "")
        + request.getRequestURI()
        + (query == null ? "" : "?" + query);
  }

  private static ApiProblem tooLarge(long limit) {
    return new ApiProblem(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload-too-large",
        "Payload too large",
        "Webhook bodies are limited to " + limit + " bytes.");
  }

  /** 503 with Retry-After: Gong retries a failed delivery, so nothing is lost. */
  private static ResponseEntity<ProblemDetail> retryLater(String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.setTitle("Temporarily unavailable");
    problem.setType(URI.create(ApiProblem.TYPE_BASE + "unavailable"));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
        .body(problem);
  }
}

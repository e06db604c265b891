package dev.earshot.ingest.proxy;

import dev.earshot.kit.web.ApiProblem;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The answers the Gong proxy gives instead of Gong's, each saying why. */
final class GongProxyProblems {

  private GongProxyProblems() {}

  static ApiProblem notAllowed(String reason) {
    return new ApiProblem(
        HttpStatus.FORBIDDEN, "gong-proxy-not-allowed", "Not a read Earshot forwards", reason);
  }

  static ApiProblem bodyRequired() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "gong-proxy-body-required",
        "A JSON body is required",
        "Gong's read POSTs take a JSON object (their filter, at most 64 KiB) as the body; send"
            + " one.");
  }

  static ApiProblem badQueryParameter(String name) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "gong-proxy-bad-query-parameter",
        "Not a Gong query parameter name",
        "Query parameter names are a letter then letters and digits, at most 64 characters, as"
            + " Gong's are (fromDateTime, cursor, workspaceId); \""
            + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
            + "\" is not one.");
  }

  static ApiProblem noConnection() {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "no-connection",
        "No Gong connection",
        "This org has no Gong connection. Connect one first.");
  }

  static ApiProblem notCallingGong(String why) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "gong-connection-not-callable",
        "Earshot is not calling Gong for this connection now",
        why + " GET /api/v1/connections/current/ingestion says more.");
  }

  static ApiProblem gongAnswered(int status, String gongMessage, String requestId) {
    return new ApiProblem(
        HttpStatus.resolve(status) == null ? HttpStatus.BAD_GATEWAY : HttpStatus.resolve(status),
        "gong-answered-" + status,
        "Gong answered " + status,
        "Gong answered " + status + ": " + gongMessage,
        requestId == null ? Map.of() : Map.of("gongRequestId", requestId));
  }

  static ApiProblem gongRefused(int status, String gongMessage) {
    return new ApiProblem(
        HttpStatus.BAD_GATEWAY,
        "gong-refused",
        "Gong refused the connection's credentials for this read",
        "Gong answered "
            + status
            + ": "
            + gongMessage
            + ". The connection's credentials or scopes do not allow it; an admin fixes them in"
            + " Gong and on PATCH /api/v1/connections/current.");
  }

  static ApiProblem rateLimited(Duration retryAfter, String by) {
    long seconds = Math.max(1, retryAfter.toSeconds());
    return new ApiProblem(
        HttpStatus.TOO_MANY_REQUESTS,
        "gong-proxy-rate-limited",
        "Rate limited",
        by + "; try again in " + seconds + " s.",
        Map.of("retryAfterSeconds", seconds)) {
      @Override
      public ResponseEntity<ProblemDetail> response() {
        ResponseEntity<ProblemDetail> answer = super.response();
        return ResponseEntity.status(answer.getStatusCode())
            .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
            .body(answer.getBody());
      }
    };
  }

  static ApiProblem gongUnavailable(String detail) {
    return new ApiProblem(
        HttpStatus.BAD_GATEWAY,
        "gong-unavailable",
        "Gong is unavailable",
        "Gong could not be reached or failed (" + detail + "). Try again in a few minutes.");
  }
}

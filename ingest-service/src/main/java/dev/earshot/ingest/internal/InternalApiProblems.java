package dev.earshot.ingest.internal;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * The internal API's own refusals; the connection's (404 no connection, 409 held, 429, 502) are the
 * Gong proxy's.
 */
final class InternalApiProblems {

  private InternalApiProblems() {}

  static ApiProblem invalid(String reason) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST, "invalid-internal-read", "Invalid read", reason + ".");
  }

  static ApiProblem callNotFound(String callId) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "gong-call-not-found",
        "No such call in Gong",
        "Gong has no call '"
            + callId
            + "' this org's connection may read, or the call is private (Earshot never serves a"
            + " private call).");
  }
}

package dev.earshot.ingest.webhook;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** Errors of the subscriptions API an admin can act on. */
final class WebhookProblems {

  private WebhookProblems() {}

  static ApiProblem unknownAuth(String value) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-webhook-auth",
        "Invalid webhook authentication",
        "auth must be url_key or jwt, not '" + abbreviate(value) + "'.");
  }

  static ApiProblem invalidPublicKey(String reason) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-public-key",
        "Invalid webhook public key",
        "publicKeyPem must be the RSA public key shown on Gong's rule (PEM): " + reason + ".");
  }

  static ApiProblem publicKeyNeeded() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "public-key-required",
        "Public key required",
        "A signed-JWT rule needs publicKeyPem: copy the public key from Gong's rule editor.");
  }

  private static String abbreviate(String value) {
    return value.length() > 20 ? value.substring(0, 20) + "…" : value;
  }
}

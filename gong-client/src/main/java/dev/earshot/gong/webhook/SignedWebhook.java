package dev.earshot.gong.webhook;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies the JWT Gong puts in a webhook's {@code Authorization} header: RS256 under the rule's
 * public key, not expired, issued for this webhook URL ({@code webhook_url}) and for this body
 * ({@code body_sha256}). Each rule is a named policy; the first that fails is the verdict.
 */
public final class SignedWebhook {

  /** What the receiver knows about a request. */
  public record Request(String authorization, String url, byte[] body) {}

  /** The verdict: empty when valid, else the name of the policy that refused. */
  public record Verdict(Optional<String> refusedBy) {
    public boolean valid() {
      return refusedBy.isEmpty();
    }
  }

  /** A parsed request and the facts the policies check. */
  record Presented(SignedJWT jwt, JWTClaimsSet claims, Request request) {}

  /** One rule a signed webhook must pass. */
  interface Policy {
    String name();

    boolean passes(Presented presented, RSAPublicKey key, Instant now);
  }

  private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  static List<Policy> allCurrentPolicies() {
    return List.of(
        policy("signature-is-rs256-under-the-rule-key", SignedWebhook::signedWithKey),
        policy("token-has-not-expired", SignedWebhook::notExpired),
        policy("token-names-this-webhook-url", SignedWebhook::forThisUrl),
        policy("token-names-this-body", SignedWebhook::forThisBody));
  }

  private final Clock clock;

  public SignedWebhook(Clock clock) {
    this.clock = clock;
  }

  public Verdict verify(Request request, RSAPublicKey key) {
    Presented presented;
    try {
      String token = request.authorization() == null ? "" : request.authorization().strip();
      if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = token.substring(7).strip();
      }
      SignedJWT jwt = SignedJWT.parse(token);
      presented = new Presented(jwt, jwt.getJWTClaimsSet(), request);
    } catch (ParseException | IllegalArgumentException unreadable) {
      return new Verdict(Optional.of("token-is-a-signed-jwt"));
    }
    Instant now = clock.instant();
    for (Policy policy : allCurrentPolicies()) {
      if (!policy.passes(presented, key, now)) {
        return new Verdict(Optional.of(policy.name()));
      }
    }
    return new Verdict(Optional.empty());
  }

  private static boolean signedWithKey(Presented p, RSAPublicKey key, Instant now) {
    if (!JWSAlgorithm.RS256.equals(p.jwt().getHeader().getAlgorithm())) {
      return false;
    }
    try {
      return p.jwt().verify(new RSASSAVerifier(key));
    } catch (JOSEException e) {
      return false;
    }
  }

  private static boolean notExpired(Presented p, RSAPublicKey key, Instant now) {
    var exp = p.claims().getExpirationTime();
    var iat = p.claims().getIssueTime();
    return exp != null
        && exp.toInstant().plus(CLOCK_SKEW).isAfter(now)
        && (iat == null || !iat.toInstant().minus(CLOCK_SKEW).isAfter(now));
  }

  private static boolean forThisUrl(Presented p, RSAPublicKey key, Instant now) {
    Object claimed = p.claims().getClaim("webhook_url");
    return claimed instanceof String url && normalise(url).equals(normalise(p.request().url()));
  }

  private static boolean forThisBody(Presented p, RSAPublicKey key, Instant now) {
    Object claimed = p.claims().getClaim("body_sha256");
    if (!(claimed instanceof String hex)) {
      return false;
    }
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return java.security.MessageDigest.isEqual(WebhookKeys.sha256(p.request().body()), expected);
  }

  /** Scheme and host are case-insensitive; a trailing slash on the path is not significant. */
  static String normalise(String url) {
    if (url == null) {
      return "";
    }
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      return url.strip();
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT))
        + "://"
        + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT))
        + path
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private static Policy policy(String name, Check check) {
    return new Policy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean passes(Presented presented, RSAPublicKey key, Instant now) {
        return check.passes(presented, key, now);
      }
    };
  }

  @FunctionalInterface
  private interface Check {
    boolean passes(Presented presented, RSAPublicKey key, Instant now);
  }
}

package dev.earshot.ingest.connection.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Binds an OAuth state to the browser that started connecting (RFC 9700 §4.7.1, RFC 6749 §10.12): a
 * random verifier travels in an HttpOnly, SameSite=Lax cookie set by {@code POST /oauth/start}, and
 * only its SHA-256 is stored with the state. The callback completes only when the same browser
 * presents it, so a consent link forwarded to someone else (consent phishing) cannot connect their
 * workspace to the starter's org. Pure: no Spring, no I/O.
 *
 * @param cookieName {@code earshot_oauth_<state id>}: one cookie per started connection
 * @param verifier 256 random bits, base64url
 */
public record BrowserBinding(String cookieName, String verifier) {

  static final String COOKIE_PREFIX = "earshot_oauth_";
  private static final SecureRandom random = new SecureRandom();

  /** A fresh verifier for the state {@code stateId}. */
  static BrowserBinding issue(UUID stateId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return new BrowserBinding(
        cookieName(stateId), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  static String cookieName(UUID stateId) {
    return COOKIE_PREFIX + stateId;
  }

  /** What is stored with the state: the verifier's SHA-256, hex. */
  String hash() {
    return hash(verifier);
  }

  static String hash(String verifier) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  /**
   * Whether {@code presented} (the cookie's value, or null) is the verifier {@code storedHash}
   * names.
   */
  static boolean matches(String storedHash, String presented) {
    return storedHash != null
        && presented != null
        && MessageDigest.isEqual(
            storedHash.getBytes(StandardCharsets.US_ASCII),
            hash(presented).getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "BrowserBinding[cookieName=" + cookieName + ", verifier=<redacted>]";
  }
}

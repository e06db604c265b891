package dev.earshot.gong.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secret keys a webhook URL carries ({@code ?key=...}). Only the SHA-256 of a key is stored and
 * shared; a presented key is checked by hashing it and comparing the digests in constant time.
 */
public final class WebhookKeys {

  private static final SecureRandom random = new SecureRandom();

  private WebhookKeys() {}

  /** A new random key: 256 bits, URL-safe base64 without padding. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lower-case hex SHA-256 of the key, as stored and published. */
  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code presented} hashes to {@code expectedHexHash}; constant time in the digest. */
  public static boolean matches(String presented, String expectedHexHash) {
    if (presented == null || expectedHexHash == null || expectedHexHash.length() != 64) {
      return false;
    }
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(expectedHexHash);
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)), expected);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

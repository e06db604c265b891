package dev.earshot.gong.webhook;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA public key Gong signs webhook JWTs with, as the PEM an admin copies from Gong's rule
 * (X.509 SubjectPublicKeyInfo, {@code -----BEGIN PUBLIC KEY-----}).
 */
public final class WebhookPublicKey {

  /** The text is not a PEM RSA public key of at least 2048 bits. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }

  private static final int MIN_BITS = 2048;

  private WebhookPublicKey() {}

  public static RSAPublicKey parse(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new Invalid("no public key given");
    }
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new Invalid("the public key is not base64 PEM");
    }
    try {
      RSAPublicKey key =
          (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      if (key.getModulus().bitLength() < MIN_BITS) {
        throw new Invalid("the public key has fewer than " + MIN_BITS + " bits");
      }
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new Invalid("the text is not an RSA public key (X.509 SubjectPublicKeyInfo PEM)");
    }
  }
}

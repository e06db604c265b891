package dev.earshot.ingest.connection;

import dev.earshot.ingest.crypto.CredentialCipher;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns secrets into an AEAD ciphertext bound to the connection id (associated data), and back. A
 * ciphertext copied to another row does not decrypt.
 */
@Component
public class SecretsCodec {

  private static final JsonMapper json = JsonMapper.builder().build();
  private final CredentialCipher cipher;

  SecretsCodec(CredentialCipher cipher) {
    this.cipher = cipher;
  }

  /** Encrypts {@code secrets}; absent (null) values are left out, never a failure. */
  public byte[] seal(UUID connectionId, GongSecrets secrets) {
    Map<String, Object> plain = new LinkedHashMap<>();
    switch (secrets) {
      case GongSecrets.ApiKey key -> {
        plain.put("kind", "api_key");
        plain.put("accessKey", key.accessKey());
        plain.put("secret", key.secret());
      }
      case GongSecrets.OAuth oauth -> {
        plain.put("kind", "oauth");
        plain.put("accessToken", oauth.accessToken());
        plain.put("refreshToken", oauth.refreshToken());
        plain.put("expiresAt", oauth.expiresAt() == null ? null : oauth.expiresAt().toString());
        plain.put("clientId", oauth.clientId());
        plain.put("clientSecret", oauth.clientSecret());
      }
    }
    plain.values().removeIf(Objects::isNull);
    return cipher.encrypt(json.writeValueAsBytes(plain), associatedData(connectionId));
  }

  public GongSecrets open(UUID connectionId, byte[] ciphertext) {
    @SuppressWarnings("unchecked")
    Map<String, String> plain =
        json.readValue(cipher.decrypt(ciphertext, associatedData(connectionId)), Map.class);
    return switch (plain.get("kind")) {
      case "api_key" -> new GongSecrets.ApiKey(plain.get("accessKey"), plain.get("secret"));
      case "oauth" ->
          new GongSecrets.OAuth(
              plain.get("accessToken"),
              plain.get("refreshToken"),
              plain.get("expiresAt") == null
                  ? null
                  : java.time.Instant.parse(plain.get("expiresAt")),
              plain.get("clientId"),
              plain.get("clientSecret"));
      default -> throw new IllegalStateException("unknown credentials kind");
    };
  }

  public long primaryKeyId() {
    return cipher.primaryKeyId();
  }

  public static byte[] associatedData(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }
}

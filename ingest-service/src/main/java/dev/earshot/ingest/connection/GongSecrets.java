package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.GongCredentials;
import java.time.Instant;

/** Decrypted credentials of a connection; they exist in memory only while used. */
public sealed interface GongSecrets {

  GongCredentials credentials();

  /** An access key and secret from Gong's API settings. */
  record ApiKey(String accessKey, String secret) implements GongSecrets {
    @Override
    public GongCredentials credentials() {
      return new GongCredentials.AccessKey(accessKey, secret);
    }

    @Override
    public String toString() {
      return "ApiKey[<redacted>]";
    }
  }

  /** OAuth tokens and the app that obtained them (needed to refresh). */
  record OAuth(
      String accessToken,
      String refreshToken,
      Instant expiresAt,
      String clientId,
      String clientSecret)
      implements GongSecrets {

    /**
     * These tokens after Gong's refresh answer. Gong rotates refresh tokens (the old one stops
     * working once the new one is issued), but an answer without {@code refresh_token} (or with a
     * blank one) keeps the old one, which Gong then did not consume; an answer without {@code
     * access_token} keeps the old access token and its expiry, so the connection is refreshed again
     * at the next run; an answer without {@code expires_in} (read as 0) lasts {@code
     * assumedLifetime}.
     */
    public OAuth renewedBy(
        dev.earshot.gong.api.TokenResponse tokens,
        Instant now,
        java.time.Duration assumedLifetime) {
      boolean newAccess = present(tokens.accessToken());
      return new OAuth(
          newAccess ? tokens.accessToken() : accessToken,
          present(tokens.refreshToken()) ? tokens.refreshToken() : refreshToken,
          !newAccess
              ? expiresAt
              : tokens.expiresIn() > 0
                  ? now.plusSeconds(tokens.expiresIn())
                  : now.plus(assumedLifetime),
          clientId,
          clientSecret);
    }

    private static boolean present(String value) {
      return value != null && !value.isBlank();
    }

    @Override
    public GongCredentials credentials() {
      return new GongCredentials.Bearer(() -> accessToken);
    }

    @Override
    public String toString() {
      return "OAuth[<redacted>]";
    }
  }
}

package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.GongCredentials;
import java.time.Instant;

/** Decrypted credentials of a connection; they exist in memory only while used. */
sealed interface GongSecrets {

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

package dev.earshot.gong.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/** Credentials for Gong's API; {@link #authorizationHeader()} is the only way they leave. */
public sealed interface GongCredentials {

  String authorizationHeader();

  /** Access key + secret from Gong's API settings page, sent as HTTP Basic. */
  record AccessKey(String accessKey, String secret) implements GongCredentials {
    public AccessKey {
      if (accessKey == null || accessKey.isBlank() || secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("access key and secret are both required");
      }
    }

    @Override
    public String authorizationHeader() {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((accessKey + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "AccessKey[accessKey=" + Masked.lastFour(accessKey) + ", secret=<redacted>]";
    }
  }

  /**
   * An OAuth access token, asked of {@code accessToken} on every request: a supplier that reads the
   * token's store uses a refreshed token as soon as it is stored, one that returns a fixed token
   * (ingest-service's, whose sessions last one batch and whose tokens are refreshed 5 minutes
   * before they expire) uses it for the client's life.
   */
  record Bearer(Supplier<String> accessToken) implements GongCredentials {
    @Override
    public String authorizationHeader() {
      return "Bearer " + accessToken.get();
    }

    @Override
    public String toString() {
      return "Bearer[<redacted>]";
    }
  }
}

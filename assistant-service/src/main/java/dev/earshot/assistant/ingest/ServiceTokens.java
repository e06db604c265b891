package dev.earshot.assistant.ingest;

/**
 * Where assistant-service's service tokens for ingest-service's internal API come from: a JWT with
 * {@code role: service} for ingest's internal audience.
 */
public interface ServiceTokens {

  /** No way to obtain service tokens: neither a token endpoint nor the local issuer. */
  ServiceTokens NONE =
      new ServiceTokens() {
        @Override
        public String token() {
          throw new IllegalStateException("no service tokens configured");
        }

        @Override
        public boolean available() {
          return false;
        }
      };

  /**
   * A valid token (cached and renewed as the source allows).
   *
   * @throws RuntimeException when none can be obtained now (the identity provider refused or did
   *     not answer); the message says why
   */
  String token();

  /** Whether tokens can be obtained at all. */
  default boolean available() {
    return true;
  }
}

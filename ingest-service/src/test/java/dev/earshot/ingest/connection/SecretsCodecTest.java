package dev.earshot.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gong.api.TokenResponse;
import dev.earshot.ingest.crypto.KeysetLoader;
import dev.earshot.ingest.crypto.TinkCredentialCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Credentials with absent values seal and open; Gong's refresh answers renew them safely. */
class SecretsCodecTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final GongSecrets.OAuth CURRENT =
      new GongSecrets.OAuth("at-0", "rt-0", NOW.plusSeconds(60), "client", "secret");

  @Test
  void oauthSecretsWithAbsentValuesSealAndOpenInsteadOfFailing() throws Exception {
    SecretsCodec codec = new SecretsCodec(new TinkCredentialCipher(KeysetLoader.generate()));
    UUID id = UUID.randomUUID();
    GongSecrets.OAuth partial = new GongSecrets.OAuth("at", null, null, "client", "secret");

    GongSecrets opened = codec.open(id, codec.seal(id, partial));

    assertThat(opened).isEqualTo(partial);
  }

  @Test
  void aRefreshAnswerRotatesTheRefreshTokenAndSetsTheExpiry() {
    GongSecrets.OAuth renewed =
        CURRENT.renewedBy(answer("at-1", "rt-1", 86_400), NOW, Duration.ofHours(1));

    assertThat(renewed)
        .isEqualTo(
            new GongSecrets.OAuth("at-1", "rt-1", NOW.plusSeconds(86_400), "client", "secret"));
  }

  @Test
  void anAnswerWithoutARefreshTokenKeepsTheOldOne() {
    GongSecrets.OAuth renewed =
        CURRENT.renewedBy(answer("at-1", null, 86_400), NOW, Duration.ofHours(1));
    GongSecrets.OAuth blank =
        CURRENT.renewedBy(answer("at-1", " ", 86_400), NOW, Duration.ofHours(1));

    assertThat(renewed.refreshToken()).isEqualTo("rt-0");
    assertThat(blank.refreshToken()).isEqualTo("rt-0");
    assertThat(renewed.accessToken()).isEqualTo("at-1");
  }

  @Test
  void anAnswerWithoutExpiresInLastsTheAssumedLifetime() {
    GongSecrets.OAuth renewed =
        CURRENT.renewedBy(answer("at-1", "rt-1", 0), NOW, Duration.ofHours(1));

    assertThat(renewed.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void anAnswerWithoutAnAccessTokenKeepsTheOldOneAndStaysDue() {
    GongSecrets.OAuth renewed =
        CURRENT.renewedBy(answer(null, "rt-1", 86_400), NOW, Duration.ofHours(1));

    assertThat(renewed.accessToken()).isEqualTo("at-0");
    assertThat(renewed.expiresAt()).isEqualTo(CURRENT.expiresAt());
    assertThat(renewed.refreshToken()).isEqualTo("rt-1");
  }

  static TokenResponse answer(String access, String refresh, long expiresIn) {
    return new TokenResponse(access, refresh, "bearer", expiresIn, "api:users:read", null);
  }
}

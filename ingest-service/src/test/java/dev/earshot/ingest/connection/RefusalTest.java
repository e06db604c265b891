package dev.earshot.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.gong.client.GongApiException;
import dev.earshot.ingest.GongStub;
import dev.earshot.ingest.GongStub.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The one mapping from Gong's refusals to connection state, fed with the typed failures gong-client
 * raises for real answers (a stub Gong), including field cases 09 and 10.
 */
class RefusalTest {

  static final Path CASE_09 =
      Path.of("../../shared/field-cases/09-revoked-credentials-background-loops");
  static final Path CASE_10 = Path.of("../../shared/field-cases/10-forbidden-is-not-always-scope");
  static final Duration CLIENT_WAITS = Duration.ofMinutes(2);
  static final GongStub gong = GongStub.start();

  @AfterAll
  static void stop() {
    gong.close();
  }

  static Refusal refusal(Answer answer, AuthMethod kind) {
    return Refusal.of(gong.failureOf(answer), kind, CLIENT_WAITS).orElseThrow();
  }

  @Test
  void aRevokedKeyIsUnauthorizedKeepingGongsMessage() {
    assumeTrue(Files.exists(CASE_09.resolve("error-401.json")));

    Refusal refusal =
        refusal(Answer.file(401, CASE_09.resolve("error-401.json")), AuthMethod.API_KEY);

    assertThat(refusal).isInstanceOf(Refusal.Held.class);
    Refusal.Held held = (Refusal.Held) refusal;
    assertThat(held.status()).isEqualTo(ConnectionState.UNAUTHORIZED);
    assertThat(held.reason())
        .contains("access token has been revoked", "Copy them again", "outside the US");
  }

  @Test
  void aForbiddenNamingNoScopeIsForbiddenWithTheRegionalHostAndTrustedIpHints() {
    assumeTrue(Files.exists(CASE_10.resolve("forbidden-generic.json")));

    Refusal.Held key =
        (Refusal.Held)
            refusal(
                Answer.file(403, CASE_10.resolve("forbidden-generic.json")), AuthMethod.API_KEY);
    Refusal.Held oauth =
        (Refusal.Held)
            refusal(Answer.file(403, CASE_10.resolve("forbidden-generic.json")), AuthMethod.OAUTH);

    assertThat(key.status()).isEqualTo(ConnectionState.FORBIDDEN);
    assertThat(key.reason())
        .contains("'Forbidden'", "regional API host", "trusted-IP")
        .doesNotContain("missing scope", "api:users:read");
    assertThat(oauth.status()).isEqualTo(ConnectionState.FORBIDDEN);
    assertThat(oauth.reason()).contains("regional API host").doesNotContain("trusted-IP");
  }

  @Test
  void aForbiddenNamingAScopeIsInsufficientScopeNamingThatScopeWhateverItsStatus() {
    assumeTrue(Files.exists(CASE_10.resolve("forbidden-named-scope.json")));
    Path named = CASE_10.resolve("forbidden-named-scope.json");

    Refusal.Held as403 = (Refusal.Held) refusal(Answer.file(403, named), AuthMethod.OAUTH);
    Refusal.Held as401 = (Refusal.Held) refusal(Answer.file(401, named), AuthMethod.OAUTH);

    assertThat(as403.status()).isEqualTo(ConnectionState.INSUFFICIENT_SCOPE);
    assertThat(as403.reason())
        .startsWith("missing scope api:calls:read:extensive")
        .contains("You don't have permission");
    assertThat(as401).isEqualTo(as403);
  }

  @Test
  void aQuotaAnswerLongerThanTheClientWaitsIsAPauseUntilRetryAfter() {
    Refusal refusal =
        refusal(
            Answer.error(429, "daily quota exceeded").withHeader("Retry-After", "10800"),
            AuthMethod.API_KEY);

    assertThat(refusal).isEqualTo(new Refusal.Paused(Duration.ofHours(3)));
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(((Refusal.Paused) refusal).until(now)).isEqualTo(now.plus(Duration.ofHours(3)));
    assertThat(Refusal.Paused.reason(now)).isEqualTo("rate limited by Gong until " + now);
  }

  @Test
  void failuresThatAreNotRefusalsChangeNothing() {
    GongApiException shortLimit =
        gong.failureOf(Answer.error(429, "slow down").withHeader("Retry-After", "120"));
    GongApiException unavailable = gong.failureOf(Answer.error(503, "maintenance"));
    GongApiException badRequest = gong.failureOf(Answer.error(400, "bad filter"));

    assertThat(Refusal.of(shortLimit, AuthMethod.API_KEY, CLIENT_WAITS)).isEmpty();
    assertThat(Refusal.of(unavailable, AuthMethod.API_KEY, CLIENT_WAITS)).isEmpty();
    assertThat(Refusal.of(badRequest, AuthMethod.API_KEY, CLIENT_WAITS)).isEmpty();
  }
}

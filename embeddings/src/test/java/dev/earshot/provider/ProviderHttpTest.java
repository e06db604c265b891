package dev.earshot.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The transport's retry policy as functions: what it waits after each failure and what {@link
 * ProviderHttp#longestCall()} counts (the transport against a server: {@code
 * HostedEmbeddingModelTest}).
 */
class ProviderHttpTest {

  @Test
  void aRetryAfterIsWaitedAsTheProviderSaysWhateverTheJitter() {
    for (double random : new double[] {0.0, 0.5, 0.999_999}) {
      assertThat(ProviderHttp.wait(Duration.ofSeconds(10), 3, random))
          .isEqualTo(Duration.ofSeconds(10));
      assertThat(ProviderHttp.wait(Duration.ofMillis(500), 1, random))
          .isEqualTo(Duration.ofMillis(500));
    }
  }

  @Test
  void withoutRetryAfterTheWaitBacksOffDoublingFromHalfASecondWithJitter() {
    assertThat(ProviderHttp.wait(null, 1, 0.5)).isEqualTo(Duration.ofMillis(500));
    assertThat(ProviderHttp.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(ProviderHttp.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(2000));
    assertThat(ProviderHttp.backoff(6, 0.5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(ProviderHttp.backoff(40, 0.5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(ProviderHttp.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(ProviderHttp.backoff(2, 0.999_999)).isEqualTo(Duration.ofMillis(1200));
    assertThat(ProviderHttp.backoff(6, 0.999_999)).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDateAndIsAbsentWhenUnreadable() {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    assertThat(ProviderHttp.retryAfter("2", now)).isEqualTo(Duration.ofSeconds(2));
    assertThat(ProviderHttp.retryAfter(" 0.5 ", now)).isEqualTo(Duration.ofMillis(500));
    assertThat(ProviderHttp.retryAfter("Thu, 03 Dec 2026 12:00:07 GMT", now))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(ProviderHttp.retryAfter("Thu, 03 Dec 2026 11:59:00 GMT", now))
        .isEqualTo(Duration.ZERO);
    assertThat(ProviderHttp.retryAfter("99999999999", now))
        .isGreaterThan(ProviderHttp.LONGEST_WAIT_IN_THREAD);
    assertThat(ProviderHttp.retryAfter("", now)).isNull();
    assertThat(ProviderHttp.retryAfter("soon", now)).isNull();
  }

  @Test
  void theLongestCallCountsEachWaitAtTheLongestThePolicyCanWait() {
    // 7 attempts of 1 s; waits of at most 10 s (a Retry-After) or the backoff at its most
    // jittered: 0.6, 1.2, 2.4, 4.8, 9.6 and 12 s (10 s + a fifth)
    ProviderHttp http = new ProviderHttp(HttpClient.newHttpClient(), Duration.ofSeconds(1), 6);

    assertThat(http.longestCall()).isEqualTo(Duration.ofSeconds(7 + 5 * 10 + 12));
    Duration waits = Duration.ZERO;
    for (int attempt = 1; attempt <= 6; attempt++) {
      waits =
          waits.plus(
              max(
                  ProviderHttp.wait(ProviderHttp.LONGEST_WAIT_IN_THREAD, attempt, 0.999_999),
                  ProviderHttp.wait(null, attempt, 0.999_999)));
    }
    assertThat(http.longestCall()).isGreaterThanOrEqualTo(Duration.ofSeconds(7).plus(waits));
  }

  @Test
  void onlyASettingAKeyOrAnAccountTheProviderRefusesNeedsAnOperator() {
    assertThat(
            java.util.Arrays.stream(ProviderHttp.Outage.values())
                .filter(ProviderHttp.Outage::needsOperator))
        .containsExactlyInAnyOrder(
            ProviderHttp.Outage.MISCONFIGURED,
            ProviderHttp.Outage.CREDENTIALS_REFUSED,
            ProviderHttp.Outage.QUOTA_SPENT);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}

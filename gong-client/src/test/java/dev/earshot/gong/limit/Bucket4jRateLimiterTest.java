package dev.earshot.gong.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A 429's hold: every caller of the connection waits it out, and it costs no daily budget. */
class Bucket4jRateLimiterTest {

  @Test
  void aHoldMakesTheConnectionsNextPermitWaitItOutWhileOtherConnectionsGoOn() throws Exception {
    // given a connection whose requests flow (3 per second, 5 per day)
    Bucket4jRateLimiter limiter =
        Bucket4jRateLimiter.inMemory(new RateLimits(3, 5, Duration.ofSeconds(30)));
    limiter.acquire("held");
    // when Gong answers one of its requests 429 with Retry-After: 1
    limiter.holdFor("held", Duration.ofSeconds(1));
    // then another connection's permit comes at once, and this one's only after the second
    assertThat(limiter.acquire("other")).isLessThan(Duration.ofMillis(500));
    assertThat(limiter.acquire("held")).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    // and a shorter hold after a longer one does not shorten or lengthen it: a hold of 1 s then
    // one of 0.2 s hold for about 1 s
    limiter.holdFor("held", Duration.ofSeconds(1));
    limiter.holdFor("held", Duration.ofMillis(200));
    assertThat(limiter.acquire("held")).isBetween(Duration.ofMillis(900), Duration.ofMillis(1900));
    // and the holds spent none of the day's budget: 3 permits used, 2 left
    limiter.acquire("held");
    limiter.acquire("held");
    assertThatThrownBy(() -> limiter.acquire("held"))
        .isInstanceOf(GongRateLimiter.QuotaExhausted.class);
  }
}

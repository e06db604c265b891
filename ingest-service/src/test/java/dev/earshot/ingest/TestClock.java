package dev.earshot.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in tests: the system's until a test sets it, then fixed at that instant until
 * moved or reset, so scheduled-loop logic can be driven through hours in milliseconds.
 */
public final class TestClock extends Clock {

  /**
   * Makes a {@code TestClock} the service's {@link Clock} bean for an integration test:
   * {@code @Import(TestClock.AsServiceClock.class)}, then {@code @Autowired TestClock clock}.
   */
  @TestConfiguration
  public static class AsServiceClock {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  private volatile Instant fixed;

  @Override
  public Instant instant() {
    Instant at = fixed;
    return at != null ? at : Instant.now();
  }

  /** Stops the clock at {@code at}. */
  public void set(Instant at) {
    fixed = at;
  }

  /** Moves a stopped clock forward (or stops a running one there). */
  public void advance(Duration by) {
    fixed = instant().plus(by);
  }

  /** Back to the system's time. */
  public void reset() {
    fixed = null;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

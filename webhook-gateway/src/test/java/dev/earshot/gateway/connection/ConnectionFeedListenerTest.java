package dev.earshot.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gateway.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerFailedToStartEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.util.unit.DataSize;

/** The feed's consumer ending without the application asking is the feed dead for good. */
class ConnectionFeedListenerTest {

  private final FeedCondition condition =
      new FeedCondition(Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMinutes(15));
  private final GatewayProperties properties =
      new GatewayProperties(
          "http://localhost:8081",
          DataSize.ofMegabytes(1),
          32,
          Duration.ofSeconds(5),
          new GatewayProperties.Feed(
              Duration.ofMillis(500),
              Duration.ofSeconds(2),
              Duration.ofSeconds(5),
              Duration.ofSeconds(30),
              Duration.ofMinutes(15),
              Duration.ofSeconds(1),
              Duration.ofSeconds(30)));
  private final ConnectionFeedListener feed =
      new ConnectionFeedListener(
          new ConnectionTable(condition),
          condition,
          new FeedConsumers(
              new DefaultKafkaConsumerFactory<>(Map.of()),
              new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class)),
          properties,
          new SimpleMeterRegistry(),
          Clock.systemUTC());
  private final FeedProgress progress =
      new FeedProgress(
          condition, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofSeconds(1), (s, f) -> {});

  @Test
  void aConsumerThatStopsOnAnErrorEndsTheFeedAndFailsLiveness() {
    condition.started();
    condition.current(Clock.systemUTC().instant());

    feed.onContainerEvent(
        new ConsumerStoppedEvent(this, this, ConsumerStoppedEvent.Reason.ERROR), progress);

    assertThat(condition.state().alive()).isFalse();
    assertThat(condition.state().ready()).isFalse();
    assertThat(condition.state().problem()).contains("ERROR");
    assertThat(new ConnectionFeedLiveness(condition).health().getStatus().getCode())
        .isEqualTo("DOWN");
  }

  @Test
  void aConsumerThatFailsToStartEndsTheFeed() {
    condition.started();

    feed.onContainerEvent(new ConsumerFailedToStartEvent(this, this), progress);

    assertThat(condition.state().stage()).isEqualTo(FeedCondition.Stage.ENDED);
  }

  @Test
  void aConsumerStoppedBecauseTheApplicationStopsIsNotAnEnd() {
    condition.started();
    feed.stop();

    feed.onContainerEvent(
        new ConsumerStoppedEvent(this, this, ConsumerStoppedEvent.Reason.NORMAL), progress);

    assertThat(condition.state().stage()).isEqualTo(FeedCondition.Stage.STOPPED);
    assertThat(condition.state().alive()).isTrue();
    assertThat(
            new ConnectionFeedHealth(new ConnectionTable(condition), condition)
                .health()
                .getStatus()
                .getCode())
        .isEqualTo("DOWN");
  }
}

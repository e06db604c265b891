package dev.earshot.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedProgressTest {

  private static final TopicPartition P0 = new TopicPartition("gong.connections.v1", 0);
  private static final TopicPartition P1 = new TopicPartition("gong.connections.v1", 1);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final FeedCondition condition =
      new FeedCondition(clock, Duration.ofSeconds(30), Duration.ofMinutes(15));
  private final List<String> failures = new ArrayList<>();
  private final FeedProgress progress =
      new FeedProgress(
          condition,
          clock,
          Duration.ofSeconds(2),
          Duration.ofSeconds(1),
          (stage, failure) -> {
            failures.add(stage + ":" + failure.getClass().getSimpleName());
            condition.failed(stage);
          });
  private boolean brokerDown;
  private boolean wakingUp;
  private final MockConsumer<String, Object> consumer =
      new MockConsumer<>("earliest") {
        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(
            Collection<TopicPartition> partitions, Duration timeout) {
          if (wakingUp) {
            throw new WakeupException();
          }
          if (brokerDown) {
            throw new TimeoutException("no broker answered");
          }
          return super.endOffsets(partitions);
        }
      };

  @BeforeEach
  void assign() {
    condition.started();
    consumer.assign(List.of(P0, P1));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updatePartitions("gong.connections.v1", partitions(2));
    consumer.seek(P0, 0);
    consumer.seek(P1, 0);
  }

  private static List<PartitionInfo> partitions(int count) {
    List<PartitionInfo> infos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      infos.add(
          new PartitionInfo("gong.connections.v1", i, Node.noNode(), new Node[0], new Node[0]));
    }
    return infos;
  }

  @Test
  void anEmptyTopicIsCurrentAtTheFirstCheck() {
    consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));

    progress.check(consumer, List.of(P0, P1));

    assertThat(condition.state().ready()).isTrue();
    assertThat(condition.state().currentAsOf()).isEqualTo(clock.instant());
  }

  @Test
  void theFeedIsCurrentAsOfTheSnapshotItsPositionReached() {
    consumer.updateEndOffsets(Map.of(P0, 5L, P1, 3L));
    Instant asked = clock.instant();
    progress.check(consumer, List.of(P0, P1));
    assertThat(condition.state().ready()).isFalse();

    clock.pass(Duration.ofMillis(300));
    consumer.seek(P0, 5);
    progress.check(consumer, List.of(P0, P1));
    assertThat(condition.state().ready()).isFalse();

    // the last records of P1 were compacted away or are a transaction marker: positions count
    consumer.seek(P1, 3);
    progress.check(consumer, List.of(P0, P1));
    assertThat(condition.state().ready()).isTrue();
    assertThat(condition.state().currentAsOf()).isEqualTo(asked);
  }

  @Test
  void checksAskTheBrokerAtMostEveryCheckInterval() {
    consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
    progress.check(consumer, List.of(P0, P1));
    Instant first = condition.state().currentAsOf();

    clock.pass(Duration.ofSeconds(1));
    progress.check(consumer, List.of(P0, P1));
    assertThat(condition.state().currentAsOf()).isEqualTo(first);

    clock.pass(Duration.ofSeconds(1));
    progress.check(consumer, List.of(P0, P1));
    assertThat(condition.state().currentAsOf()).isEqualTo(clock.instant());
  }

  @Test
  void aBrokerThatDoesNotAnswerIsAFailedCheckAndTheFeedGoesStale() {
    consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
    progress.check(consumer, List.of(P0, P1));
    brokerDown = true;

    for (int i = 0; i < 16; i++) {
      clock.pass(Duration.ofSeconds(2));
      progress.check(consumer, List.of(P0, P1));
    }

    assertThat(failures).hasSize(16).allMatch(f -> f.equals("check:TimeoutException"));
    assertThat(condition.state().stage()).isEqualTo(FeedCondition.Stage.BEHIND);
    assertThat(condition.state().ready()).isFalse();
    assertThat(condition.state().alive()).isTrue();

    brokerDown = false;
    clock.pass(Duration.ofSeconds(2));
    progress.check(consumer, List.of(P0, P1));
    assertThat(condition.state().ready()).isTrue();
  }

  @Test
  void aTopicThatGainedPartitionsEndsTheFeed() {
    consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updatePartitions("gong.connections.v1", partitions(3));

    progress.check(consumer, List.of(P0, P1));

    assertThat(condition.state().stage()).isEqualTo(FeedCondition.Stage.ENDED);
    assertThat(condition.state().alive()).isFalse();
    assertThat(condition.state().problem()).contains("3 partitions");
  }

  @Test
  void aWakeupToStopTheConsumerIsNotTakenForAFailure() {
    wakingUp = true;

    assertThatThrownBy(() -> progress.check(consumer, List.of(P0, P1)))
        .isInstanceOf(WakeupException.class);
    assertThat(failures).isEmpty();
  }
}

package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The summary's topics are what the broker lists once it lists every topic just created: a broker
 * may list none of them for a moment after the controller created them (Kafka's {@code
 * Admin#createTopics}), and a listing taken at once made {@code LocalStackIT} see no topic.
 */
class TopicCatalogTest {

  @Test
  void aListingTakenBeforeTheBrokerKnowsTheNewTopicsIsTakenAgain() throws Exception {
    Deque<Set<String>> listings =
        new ArrayDeque<>(
            List.of(Set.of(), Set.of("a"), Set.of("b", "a", "__consumer_offsets"), Set.of("x")));

    List<String> topics =
        TopicCatalog.listedOnceVisible(
            listings::removeFirst, List.of("a", "b"), Duration.ofSeconds(5), Duration.ZERO);

    assertThat(topics).containsExactly("__consumer_offsets", "a", "b");
    assertThat(listings).as("no listing after the one that holds them all").hasSize(1);
  }

  @Test
  void aTopicNeverListedLeavesTheListingAsTheBrokerGaveItOnceTheWaitIsOver() throws Exception {
    List<String> topics =
        TopicCatalog.listedOnceVisible(
            () -> Set.of("a"), List.of("a", "b"), Duration.ofMillis(50), Duration.ofMillis(10));

    assertThat(topics).containsExactly("a");
  }
}

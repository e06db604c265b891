package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.DedupApplication;
import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.outbox.OutboxPublisher;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.PostEvent;
import dev.earshot.events.PostEventType;
import dev.earshot.events.Topics;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.KafkaTestBroker;
import dev.earshot.testing.ServiceArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The service stopped between committing a change and publishing its event, and its embedded index
 * lost: a second instance on the same database publishes what was pending, in order, rebuilds the
 * index from PostgreSQL, and redelivered items change nothing.
 */
class RestartIT {

  private static ConfigurableApplicationContext start(
      EmbeddedDatabase pg, String brokers, Path index, boolean publishing) {
    // Arguments, not default properties: they must win over dedup-service.yaml.
    Map<String, String> settings = DedupTestSupport.instance(pg, brokers, index);
    settings.put("earshot.dedup.outbox.enabled", Boolean.toString(publishing));
    settings.put("earshot.dedup.outbox.interval", "100ms");
    return new SpringApplicationBuilder(DedupApplication.class).run(ServiceArguments.of(settings));
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void aSecondInstancePublishesWhatTheFirstCommittedAndRebuildsTheIndex() throws Exception {
    EmbeddedKafkaKraftBroker broker = KafkaTestBroker.start(1, Topics.FEEDBACK_ITEMS, Topics.POSTS);
    Path index = DedupTestSupport.indexDirectory();
    String org = "org-" + UUID.randomUUID();
    FeedbackItem first = ItemSpec.of(org, SSO, SSO_TEXT).build();
    FeedbackItem second = ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).build();
    try (EmbeddedDatabase pg = DedupTestSupport.postgres()) {
      UUID post;
      // given an instance that commits two changes and stops before publishing them
      try (var app = start(pg, broker.getBrokersAsString(), index, false)) {
        var consolidating = app.getBean(ConsolidatingFeedback.class);
        post = consolidating.consolidate(first).postId();
        assertThat(consolidating.consolidate(second)).isInstanceOf(Consolidation.Joined.class);
        assertThat(app.getBean(OutboxPublisher.class).pending()).isEqualTo(2);
      }
      assertThat(
              DedupTestSupport.postEvents(
                  broker.getBrokersAsString(),
                  r -> r.key().equals(post.toString()),
                  1,
                  java.time.Duration.ofSeconds(3)))
          .isEmpty();
      // and whose index is lost with its disk
      deleteTree(index);
      // when a new instance starts on the same database
      try (var app = start(pg, broker.getBrokersAsString(), index, true)) {
        // then the pending events are published, in order, once
        List<PostEvent> events = DedupTestSupport.eventsOf(broker.getBrokersAsString(), 2, post);
        assertThat(events)
            .extracting(PostEvent::getType)
            .containsExactly(PostEventType.CREATED, PostEventType.MENTION_ADDED);
        assertThat(app.getBean(OutboxPublisher.class).pending()).isZero();
        // and redelivered items change nothing
        var consolidating = app.getBean(ConsolidatingFeedback.class);
        assertThat(consolidating.consolidate(first))
            .isInstanceOf(Consolidation.AlreadyOnBoard.class);
        assertThat(consolidating.consolidate(second))
            .isInstanceOf(Consolidation.AlreadyOnBoard.class);
        // and the rebuilt index still finds the post for a new mention
        var third = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
        assertThat(third).isInstanceOf(Consolidation.Joined.class);
        assertThat(third.postId()).isEqualTo(post);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(
                jdbc.sql("select count(*) from post where org_id = :org")
                    .param("org", org)
                    .query(Long.class)
                    .single())
            .isEqualTo(1);
        assertThat(
                jdbc.sql("select mention_count from post where id = :id")
                    .param("id", post)
                    .query(Integer.class)
                    .single())
            .isEqualTo(3);
      }
    } finally {
      broker.destroy();
    }
  }
}

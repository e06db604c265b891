package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.EXPORT;
import static dev.earshot.dedup.DedupTestSupport.EXPORT_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.judge.ProviderStub;
import dev.earshot.events.Topics;
import dev.earshot.testing.TopicRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The judge in the service: with an OpenAI-compatible judge (a local stub) and a wide uncertain
 * band, an item whose best candidate falls short of the threshold is put to the judge with titles
 * and closest quotes only; its pick is joined, its "none" starts a post, and while its provider is
 * out the item waits (retried, never dead-lettered) and lands once it is back.
 */
@JudgedBoardTest
@TestPropertySource(
    properties = {
      "earshot.dedup.judge.mode=join",
      "earshot.dedup.judge.band=0.6",
      "earshot.dedup.uncertain-bands.all-minilm-l6-v2=0.6",
      // its SSO and export items share no words: the lexical floor would drop the near miss
      "earshot.dedup.suggestions.lexical-floor=0",
      "earshot.dedup.judge.openai.input-price-per-million=0.15",
      "earshot.dedup.judge.openai.output-price-per-million=0.60",
      "earshot.kafka.retry.transient-initial-interval=200ms",
      "earshot.kafka.retry.transient-max-interval=1s"
    })
class JudgeIT {

  static final Path index = DedupTestSupport.indexDirectory();
  static final ProviderStub provider = ProviderStub.started();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
    registry.add("earshot.dedup.judge.openai.base-url", provider::baseUrl);
  }

  @AfterAll
  static void stopStub() {
    provider.close();
  }

  @Autowired ConsolidatingFeedback consolidating;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;

  private static String org() {
    return "org-" + UUID.randomUUID();
  }

  private long mentions(String org) {
    return jdbc.sql("select count(*) from mention where org_id = :org")
        .param("org", org)
        .query(Long.class)
        .single();
  }

  private List<UUID> posts(String org) {
    return jdbc.sql("select id from post where org_id = :org and merged_into is null")
        .param("org", org)
        .query(UUID.class)
        .list();
  }

  @Test
  void anUncertainItemJoinsThePostTheJudgePicksShownTitlesAndQuotesOnly() {
    // given a post about SSO
    String org = org();
    var first = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    int asked = provider.seen.size();
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
    // when an item well below the threshold but within the band arrives, from a named account
    var second =
        consolidating.consolidate(
            ItemSpec.of(org, EXPORT, EXPORT_TEXT).account("acc-77", "90000").build());
    // then the judge was asked once and the item joined its pick
    assertThat(first).isInstanceOf(Consolidation.NewPost.class);
    assertThat(second).isInstanceOf(Consolidation.Joined.class);
    assertThat(second.postId()).isEqualTo(first.postId());
    assertThat(provider.seen).hasSize(asked + 1);
    // and it was shown titles and quotes, nothing of who said it, their account or the call
    String prompt =
        provider.seen.getLast().body().path("messages").path(1).path("content").asString();
    assertThat(prompt)
        .contains("Title: " + EXPORT, "Title: " + SSO, "\"" + SSO_TEXT + "\"", EXPORT_TEXT)
        .doesNotContain("Dana", "dana@", "acc-77", "Account", "90000", "gong.io", "call-");
    assertThat(
            meters
                .get("earshot.dedup.judge.questions")
                .tags("provider", "openai", "verdict", "picked")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1);
    assertThat(meters.get("earshot.dedup.judge.tokens").tag("type", "input").counter().count())
        .isGreaterThanOrEqualTo(280);
  }

  @Test
  void anItemTheJudgeMatchesToNothingStartsItsOwnPostAndTheNearMissIsSuggested() {
    String org = org();
    var first = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));

    var second = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());

    assertThat(second)
        .isInstanceOfSatisfying(
            Consolidation.Suggested.class,
            s -> assertThat(s.candidateId()).isEqualTo(first.postId()));
    assertThat(posts(org)).hasSize(2);
  }

  @Test
  void anItemWaitsOutAJudgeOutageAndIsNotDeadLettered() {
    // given a post, consolidated through the topic
    String org = org();
    kafka.send(Topics.FEEDBACK_ITEMS, org, ItemSpec.of(org, SSO, SSO_TEXT).build()).join();
    await().atMost(Duration.ofSeconds(30)).until(() -> mentions(org) == 1);
    long deadBefore = deadLetters();
    double transientBefore = transientFailures();
    // when the judge's provider answers 503 (its queue is empty) to an uncertain item
    kafka.send(Topics.FEEDBACK_ITEMS, org, ItemSpec.of(org, EXPORT, EXPORT_TEXT).build()).join();
    // then the item is retried as an outage, more often than an unexpected failure would be
    await().atMost(Duration.ofSeconds(60)).until(() -> transientFailures() >= transientBefore + 6);
    assertThat(mentions(org)).isEqualTo(1);
    // and once the provider is back it lands where the judge says
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> mentions(org) == 2);
    assertThat(posts(org)).hasSize(1);
    assertThat(deadLetters()).isEqualTo(deadBefore);
  }

  private double transientFailures() {
    return meters.find("earshot.kafka.transient.failures").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private long deadLetters() {
    return TopicRecords.endOffset(broker.getBrokersAsString(), "feedback.items.v1.dlt", 0);
  }
}

package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.FeedbackKind;
import dev.earshot.events.Topics;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The kind penalty ({@code earshot.dedup.kind-penalties}, {@code board.KindPenalty}) against real
 * PostgreSQL (posts' main kinds), the embedded index and the offline MiniLM model. One text
 * repeated scores about 1.0 against its post; with a threshold of 0.90 and a penalty of 0.20, a
 * repeat of another kind scores about 0.80: it starts its own post, suggested for a merge into the
 * first (the band is 0.50), while a repeat of the post's main kind joins it. The penalty is set the
 * way the dedup page tells a container to set it, through {@code spring.application.json} (what
 * Spring Boot reads from {@code SPRING_APPLICATION_JSON}): were it not read, the default of 0.05
 * would let the repeat of another kind join at about 0.95.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.dedup.thresholds.all-minilm-l6-v2=0.90",
      "earshot.dedup.uncertain-bands.all-minilm-l6-v2=0.50",
      "spring.application.json={\"earshot\":{\"dedup\":{\"kind-penalties\":{\"all-minilm-l6-v2\":0.20}}}}"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KindPenaltyIT {

  static final Path index = DedupTestSupport.indexDirectory();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
  }

  @Autowired ConsolidatingFeedback consolidating;

  private static String org() {
    return "org-" + UUID.randomUUID();
  }

  private static FeedbackItem item(String org, FeedbackKind kind) {
    return FeedbackItem.newBuilder(ItemSpec.of(org, SSO, SSO_TEXT).build()).setKind(kind).build();
  }

  @Test
  void aRepeatOfThePostsMainKindJoinsAndOneOfAnotherKindStartsAPostSuggestedIntoIt() {
    String org = org();
    UUID requests = consolidating.consolidate(item(org, FeedbackKind.FEATURE_REQUEST)).postId();

    assertThat(consolidating.consolidate(item(org, FeedbackKind.FEATURE_REQUEST)))
        .isInstanceOfSatisfying(
            Consolidation.Joined.class, j -> assertThat(j.postId()).isEqualTo(requests));
    assertThat(consolidating.consolidate(item(org, FeedbackKind.BUG)))
        .isInstanceOfSatisfying(
            Consolidation.Suggested.class,
            s -> {
              assertThat(s.postId()).isNotEqualTo(requests);
              assertThat(s.candidateId()).isEqualTo(requests);
              assertThat(s.score()).isBetween(0.75, 0.85);
            });
  }

  @Test
  void aPostOfBugsTakesNoFeatureRequestWhileAnotherOrgsRequestPostOfTheSameTextTakesItsOwn() {
    String org = org();
    UUID bugs = consolidating.consolidate(item(org, FeedbackKind.BUG)).postId();
    // another org's post of the same text is a feature request: it does not make org's a request
    String other = org();
    UUID otherRequests =
        consolidating.consolidate(item(other, FeedbackKind.FEATURE_REQUEST)).postId();
    assertThat(otherRequests).isNotEqualTo(bugs);

    assertThat(consolidating.consolidate(item(org, FeedbackKind.BUG)).postId()).isEqualTo(bugs);
    Consolidation request = consolidating.consolidate(item(org, FeedbackKind.FEATURE_REQUEST));
    assertThat(request).isInstanceOf(Consolidation.Suggested.class);
    assertThat(consolidating.consolidate(item(other, FeedbackKind.FEATURE_REQUEST)).postId())
        .isEqualTo(otherRequests);
  }
}

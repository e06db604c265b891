package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.EXPORT;
import static dev.earshot.dedup.DedupTestSupport.EXPORT_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.dedup.vector.VectorIndexUnavailable;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.FeedbackKind;
import dev.earshot.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The re-check's kind gate ({@code earshot.dedup.suggestions.recheck-same-kind}, on by default)
 * against real PostgreSQL, the embedded index and the offline MiniLM model. As in {@code
 * SuggestionsIT} the threshold is 0.95 with a band of 0.50, so the two SSO phrasings score in the
 * band while a repeated text joins its post; the lexical floor is 1 so a new item is never
 * suggested itself and only re-checks record suggestions. The kind penalty is off, so that items of
 * another kind join (the penalty has its own test, {@code KindPenaltyIT}).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.dedup.thresholds.all-minilm-l6-v2=0.95",
      "earshot.dedup.uncertain-bands.all-minilm-l6-v2=0.50",
      "earshot.dedup.suggestions.lexical-floor=1",
      "earshot.dedup.kind-penalties.all-minilm-l6-v2=0"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecheckKindIT {

  static final Path index = DedupTestSupport.indexDirectory();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
  }

  @Autowired ConsolidatingFeedback consolidating;
  @Autowired ConsolidationRepository posts;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @MockitoSpyBean VectorIndex vectors;

  private static String org() {
    return "org-" + UUID.randomUUID();
  }

  private static FeedbackItem item(String org, String title, String text, FeedbackKind kind) {
    return FeedbackItem.newBuilder(ItemSpec.of(org, title, text).build()).setKind(kind).build();
  }

  private UUID consolidate(FeedbackItem item) {
    return consolidating.consolidate(item).postId();
  }

  private List<UUID[]> suggestedPairs(String org) {
    return jdbc.sql("select post_id, candidate_id from merge_suggestion where org_id = :org")
        .param("org", org)
        .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
        .list();
  }

  private double rechecked() {
    var counter = meters.find("earshot.dedup.suggestions").tag("outcome", "rechecked").counter();
    return counter == null ? 0 : counter.count();
  }

  private double items(String outcome) {
    var counter = meters.find(BoardMetrics.ITEMS).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aPostsMainKindIsTheKindMostOfItsMentionsHaveTiesToTheEarliestAndOnlyInItsOrg() {
    String org = org();
    // three mentions of one text: a feature request, then two bugs
    UUID sso = consolidate(item(org, SSO, SSO_TEXT, FeedbackKind.FEATURE_REQUEST));
    assertThat(consolidate(item(org, SSO, SSO_TEXT, FeedbackKind.BUG))).isEqualTo(sso);
    assertThat(consolidate(item(org, SSO, SSO_TEXT, FeedbackKind.BUG))).isEqualTo(sso);
    // two mentions of another: UX first, then a bug (a tie: the earliest's kind)
    UUID export = consolidate(item(org, EXPORT, EXPORT_TEXT, FeedbackKind.UX));
    assertThat(consolidate(item(org, EXPORT, EXPORT_TEXT, FeedbackKind.BUG))).isEqualTo(export);
    // the same texts in another org
    String other = org();
    UUID otherSso = consolidate(item(other, SSO, SSO_TEXT, FeedbackKind.LIMITATION));

    assertThat(posts.mainKinds(org, List.of(sso, export, otherSso, UUID.randomUUID())))
        .isEqualTo(Map.of(sso, "BUG", export, "UX"));
    assertThat(posts.mainKinds(other, List.of(sso, export, otherSso)))
        .isEqualTo(Map.of(otherSso, "LIMITATION"));
    assertThat(posts.mainKinds(org, List.of())).isEmpty();
  }

  @Test
  void aGrownPostIsSuggestedOnlyToAnInBandPostOfTheSameMainKindAndOnlyInItsOrg() {
    String org = org();
    String other = org();
    // the other org holds the same texts, every one a feature request
    assertThat(consolidating.consolidate(item(other, SSO, SSO_TEXT, FeedbackKind.FEATURE_REQUEST)))
        .isInstanceOf(Consolidation.NewPost.class);
    UUID sso = consolidate(item(org, SSO, SSO_TEXT, FeedbackKind.FEATURE_REQUEST));
    // a bug phrased the other way: in the band, but the lexical floor keeps it unsuggested
    Consolidation again =
        consolidating.consolidate(item(org, SSO_AGAIN, SSO_AGAIN_TEXT, FeedbackKind.BUG));
    assertThat(again).isInstanceOf(Consolidation.NewPost.class);
    UUID bug = again.postId();
    assertThat(
            consolidating.consolidate(
                item(other, SSO_AGAIN, SSO_AGAIN_TEXT, FeedbackKind.FEATURE_REQUEST)))
        .isInstanceOf(Consolidation.NewPost.class);
    double before = rechecked();

    // when the feature-request post grows: the in-band post is a bug, so nothing is suggested
    assertThat(consolidate(item(org, SSO, SSO_TEXT, FeedbackKind.FEATURE_REQUEST))).isEqualTo(sso);
    assertThat(suggestedPairs(org)).isEmpty();

    // when the bug post gains two feature requests, its main kind turns to feature request
    assertThat(consolidate(item(org, SSO_AGAIN, SSO_AGAIN_TEXT, FeedbackKind.FEATURE_REQUEST)))
        .isEqualTo(bug);
    assertThat(suggestedPairs(org)).isEmpty();
    assertThat(consolidate(item(org, SSO_AGAIN, SSO_AGAIN_TEXT, FeedbackKind.FEATURE_REQUEST)))
        .isEqualTo(bug);

    // then the two posts are suggested once, between this org's posts only
    List<UUID[]> pairs = suggestedPairs(org);
    assertThat(pairs).hasSize(1);
    assertThat(pairs.getFirst()).containsExactly(bug, sso);
    assertThat(rechecked() - before).isEqualTo(1);
    assertThat(suggestedPairs(other)).isEmpty();
  }

  @Test
  void aJoinWhoseIndexWriteFailedAfterItCommittedIsCountedAndReCheckedWhenTheItemComesRound() {
    String org = org();
    UUID sso = consolidate(item(org, SSO, SSO_TEXT, FeedbackKind.FEATURE_REQUEST));
    Consolidation again =
        consolidating.consolidate(
            item(org, SSO_AGAIN, SSO_AGAIN_TEXT, FeedbackKind.FEATURE_REQUEST));
    assertThat(again).isInstanceOf(Consolidation.NewPost.class);
    assertThat(suggestedPairs(org)).isEmpty();
    double joinedBefore = items("joined");
    double seenBefore = items("already_on_board");
    double recheckedBefore = rechecked();

    // the next mention joins the second post, but the index is away once the join has committed
    AtomicBoolean away = new AtomicBoolean(true);
    doAnswer(
            call -> {
              if (away.getAndSet(false)) {
                throw new VectorIndexUnavailable("Qdrant call failed: UNAVAILABLE", null);
              }
              return call.callRealMethod();
            })
        .when(vectors)
        .upsert(anyList());
    FeedbackItem joining = item(org, SSO_AGAIN, SSO_AGAIN_TEXT, FeedbackKind.FEATURE_REQUEST);
    assertThatThrownBy(() -> consolidating.consolidate(joining))
        .isInstanceOf(VectorIndexUnavailable.class);
    assertThat(away).isFalse();
    // the join is on the board and counted as a join; its re-check has not happened
    assertThat(items("joined") - joinedBefore).isEqualTo(1);
    assertThat(suggestedPairs(org)).isEmpty();

    // Kafka delivers the item again: found on the board, and the re-check is made then, once
    assertThat(consolidating.consolidate(joining))
        .isEqualTo(new Consolidation.AlreadyOnBoard(again.postId()));
    List<UUID[]> pairs = suggestedPairs(org);
    assertThat(pairs).hasSize(1);
    assertThat(pairs.getFirst()).containsExactly(again.postId(), sso);
    assertThat(rechecked() - recheckedBefore).isEqualTo(1);
    assertThat(items("already_on_board") - seenBefore).isEqualTo(1);
    assertThat(items("joined") - joinedBefore).isEqualTo(1);
    // and a further delivery finds nothing due
    assertThat(consolidating.consolidate(joining))
        .isEqualTo(new Consolidation.AlreadyOnBoard(again.postId()));
    assertThat(rechecked() - recheckedBefore).isEqualTo(1);
  }
}

package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.EXPORT;
import static dev.earshot.dedup.DedupTestSupport.EXPORT_TEXT;
import static dev.earshot.dedup.DedupTestSupport.MOBILE;
import static dev.earshot.dedup.DedupTestSupport.MOBILE_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.judge.ProviderStub;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A judge that suggests ({@code earshot.dedup.judge.mode: suggest}, the default): its pick becomes
 * a merge suggestion and the item keeps its own post; its "none" suggests nothing, even where the
 * suggestion rule would have (a wide suggestion band, no lexical floor); when a mention joins a
 * post, the post's closest neighbours within the judge's band ({@code max-candidates}) neither
 * suggested with it nor put to the judge by an earlier re-check are asked about, a pick suggested,
 * each pair once; and a judge out of service during that re-check costs the item nothing (it is on
 * the board) and leaves the pair to be asked at the next join.
 *
 * <p>The band is wide (0.9 below the threshold of 0.50) so that the three unrelated test requests
 * are each other's candidates, and the judge is shown one candidate at a time, so that which pairs
 * were asked is under the test's control.
 */
@JudgedBoardTest
@TestPropertySource(
    properties = {
      "earshot.dedup.judge.mode=suggest",
      "earshot.dedup.judge.band=0.9",
      "earshot.dedup.judge.max-candidates=1",
      "earshot.dedup.uncertain-bands.all-minilm-l6-v2=0.6",
      "earshot.dedup.suggestions.lexical-floor=0"
    })
class JudgeSuggestsIT {

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

  private static String org() {
    return "org-" + UUID.randomUUID();
  }

  private List<UUID> livePosts(String org) {
    return jdbc.sql("select id from post where org_id = :org and merged_into is null")
        .param("org", org)
        .query(UUID.class)
        .list();
  }

  /** The org's suggestions as {post, candidate} pairs, in the order recorded. */
  private List<List<UUID>> suggestions(String org) {
    return jdbc.sql(
            "select post_id, candidate_id from merge_suggestion where org_id = :org"
                + " order by created_at")
        .param("org", org)
        .query(
            (rs, n) ->
                List.of(
                    rs.getObject("post_id", UUID.class), rs.getObject("candidate_id", UUID.class)))
        .list();
  }

  /** The pairs put to the judge, as {post, candidate, picked}. */
  private List<List<Object>> judged(String org) {
    return jdbc.sql(
            "select post_id, candidate_id, picked from judged_pair where org_id = :org"
                + " order by asked_at")
        .param("org", org)
        .query(
            (rs, n) ->
                List.<Object>of(
                    rs.getObject("post_id", UUID.class),
                    rs.getObject("candidate_id", UUID.class),
                    rs.getBoolean("picked")))
        .list();
  }

  @Test
  void theJudgesPickIsSuggestedToAPersonAndTheItemKeepsItsOwnPost() {
    String org = org();
    var first = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    int asked = provider.seen.size();
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));

    var second = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());

    assertThat(provider.seen).hasSize(asked + 1);
    assertThat(second)
        .isInstanceOfSatisfying(
            Consolidation.Suggested.class,
            s -> assertThat(s.candidateId()).isEqualTo(first.postId()));
    assertThat(livePosts(org)).hasSize(2);
    assertThat(suggestions(org)).containsExactly(List.of(second.postId(), first.postId()));
  }

  @Test
  void theJudgesNoneSuggestsNothingWhereTheRuleWouldHave() {
    String org = org();
    var first = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));

    var second = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());

    assertThat(second).isInstanceOf(Consolidation.NewPost.class);
    assertThat(suggestions(org)).isEmpty();
  }

  @Test
  void aJoinPutsItsPostsClosestNeighbourToTheJudgeAndSuggestsItsPickOnce() {
    // given three posts; the third's item was shown the closer of the other two (max-candidates 1)
    // and the judge said none
    String org = org();
    consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    var mobile = consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build());
    assertThat(livePosts(org)).hasSize(3);
    int asked = provider.seen.size();
    double judgedBefore = judgedSuggestions();

    // when a mention joins the third post and the judge picks the post it is shown
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
    var joined = consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build());

    // then it was asked once, about one post, and its pick is suggested and recorded
    assertThat(joined)
        .isInstanceOfSatisfying(
            Consolidation.Joined.class, j -> assertThat(j.postId()).isEqualTo(mobile.postId()));
    assertThat(provider.seen).hasSize(asked + 1);
    List<List<Object>> judged = judged(org);
    assertThat(judged).hasSize(1);
    assertThat(judged.getFirst()).startsWith(mobile.postId()).endsWith(true);
    UUID picked = (UUID) judged.getFirst().get(1);
    assertThat(suggestions(org)).containsExactly(List.of(mobile.postId(), picked));
    assertThat(judgedSuggestions()).isEqualTo(judgedBefore + 1);

    // and a further join asks nothing: its closest neighbour is suggested already
    consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build());
    assertThat(provider.seen).hasSize(asked + 1);
  }

  @Test
  void aPairTheJudgeDeclinedOnAReCheckIsNotAskedAgain() {
    String org = org();
    var sso = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    var export = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    int asked = provider.seen.size();

    consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());

    assertThat(provider.seen).hasSize(asked);
    assertThat(judged(org)).containsExactly(List.of(export.postId(), sso.postId(), false));
    assertThat(suggestions(org)).isEmpty();
  }

  @Test
  void aJudgeOutDuringAReCheckCostsTheItemNothingAndThePairIsAskedAtTheNextJoin() {
    String org = org();
    var sso = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    var export = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    int asked = provider.seen.size();

    // when a mention joins the export post while the provider answers 503 (its queue is empty)
    var joined = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());

    // then the item is on the board, nothing was recorded, and the next join asks again
    assertThat(joined).isInstanceOf(Consolidation.Joined.class);
    assertThat(provider.seen).hasSizeGreaterThan(asked);
    assertThat(judged(org)).isEmpty();
    assertThat(suggestions(org)).isEmpty();
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
    consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    assertThat(suggestions(org)).containsExactly(List.of(export.postId(), sso.postId()));
    assertThat(judged(org)).containsExactly(List.of(export.postId(), sso.postId(), true));
  }

  private double judgedSuggestions() {
    return meters.find("earshot.dedup.suggestions").tag("outcome", "judged").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}

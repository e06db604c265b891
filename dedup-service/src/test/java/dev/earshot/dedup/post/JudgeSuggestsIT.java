package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.EXPORT;
import static dev.earshot.dedup.DedupTestSupport.EXPORT_TEXT;
import static dev.earshot.dedup.DedupTestSupport.MOBILE;
import static dev.earshot.dedup.DedupTestSupport.MOBILE_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.judge.ProviderStub;
import dev.earshot.provider.ProviderHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
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
 * each pair once; a judge out of service during that re-check costs the item nothing (it is on the
 * board) and leaves the pair to be asked at the next join; and a re-check whose pairs cannot be
 * written leaves neither them nor its suggestion (one transaction).
 *
 * <p>The band is wide (0.9 below the threshold of 0.50) so that the three unrelated test requests
 * are each other's candidates; the suggestion rule's band is wide too, with no lexical floor and 2
 * suggestions per post, so that where the rule would suggest, it would suggest every candidate.
 */
@JudgedBoardTest
@TestPropertySource(
    properties = {
      "earshot.dedup.judge.mode=suggest",
      "earshot.dedup.judge.band=0.9",
      "earshot.dedup.judge.max-candidates=2",
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
  @Autowired MergingPosts merging;

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

  /** The last question's prompt (the user message). */
  private static String lastPrompt() {
    return provider.seen.getLast().body().path("messages").path(1).path("content").asString();
  }

  /** Of two posts' titles in {@code prompt}, the post whose title is shown second. */
  private static UUID shownSecond(String prompt, UUID a, String titleA, UUID b, String titleB) {
    assertThat(prompt).contains("Title: " + titleA, "Title: " + titleB);
    return prompt.indexOf("Title: " + titleA) > prompt.indexOf("Title: " + titleB) ? a : b;
  }

  private long outboxEvents(UUID post) {
    return jdbc.sql("select count(*) from outbox where post_id = :post")
        .param("post", post)
        .query(Long.class)
        .single();
  }

  /** Two posts of {@code org}: an sso post, then an export post whose item the judge declined. */
  private Two ssoAndExport(String org) {
    var sso = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    return new Two(sso, consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build()));
  }

  private record Two(Consolidation sso, Consolidation export) {}

  @Test
  void theJudgesPickAndNotTheRulesIsSuggestedAndTheItemKeepsItsOwnPost() {
    // given two posts, both within both bands of the next item
    String org = org();
    var sso = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    var mobile = consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build());
    int asked = provider.seen.size();
    double recorded = suggestionsCounted("recorded");
    // when the judge picks the second candidate it is shown
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(2)));
    var export = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    // then only that post is suggested (the rule would have suggested both), the item has a post
    // of its own, and MERGE_SUGGESTED follows CREATED in the outbox
    assertThat(provider.seen).hasSize(asked + 1);
    UUID second = shownSecond(lastPrompt(), sso.postId(), SSO, mobile.postId(), MOBILE);
    assertThat(export)
        .isInstanceOfSatisfying(
            Consolidation.Suggested.class, s -> assertThat(s.candidateId()).isEqualTo(second));
    assertThat(livePosts(org)).hasSize(3);
    assertThat(suggestions(org)).containsExactly(List.of(export.postId(), second));
    assertThat(outboxEvents(export.postId())).isEqualTo(2);
    assertThat(suggestionsCounted("recorded")).isEqualTo(recorded + 1);
  }

  @Test
  void theJudgesNoneSuggestsNothingAndAnAnswerOutsideTheChoicesLeavesItToTheRule() {
    String org = org();
    var sso = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    int asked = provider.seen.size();
    // none: nothing suggested
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    var export = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    assertThat(provider.seen).hasSize(asked + 1);
    assertThat(export).isInstanceOf(Consolidation.NewPost.class);
    assertThat(suggestions(org)).isEmpty();
    // a number out of range (invalid_answer): the rule suggests its near misses, as without a judge
    provider.reply(ProviderStub.Reply.ok(ProviderStub.openAiAnswer("{\"post\": 7}", 280, 6)));
    var mobile = consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build());
    assertThat(provider.seen).hasSize(asked + 2);
    assertThat(mobile).isInstanceOf(Consolidation.Suggested.class);
    assertThat(suggestions(org))
        .containsExactlyInAnyOrder(
            List.of(mobile.postId(), sso.postId()), List.of(mobile.postId(), export.postId()));
  }

  @Test
  void aJoinPutsItsPostsClosestNeighboursToTheJudgeAndSuggestsItsPickOnce() {
    // given three posts, the third's item shown the other two and the judge saying none
    String org = org();
    var two = ssoAndExport(org);
    var sso = two.sso();
    var export = two.export();
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));
    var mobile = consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build());
    assertThat(livePosts(org)).hasSize(3);
    int asked = provider.seen.size();
    double judgedBefore = suggestionsCounted("judged");

    // when a mention joins the third post and the judge picks the first post it is shown
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
    var joined = consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build());

    // then it was asked once, about both neighbours, and its pick is suggested; both pairs are
    // recorded as asked
    assertThat(joined)
        .isInstanceOfSatisfying(
            Consolidation.Joined.class, j -> assertThat(j.postId()).isEqualTo(mobile.postId()));
    assertThat(provider.seen).hasSize(asked + 1);
    UUID second = shownSecond(lastPrompt(), sso.postId(), SSO, export.postId(), EXPORT);
    UUID first = second.equals(sso.postId()) ? export.postId() : sso.postId();
    assertThat(suggestions(org)).containsExactly(List.of(mobile.postId(), first));
    assertThat(judged(org))
        .containsExactlyInAnyOrder(
            List.of(mobile.postId(), first, true), List.of(mobile.postId(), second, false));
    assertThat(suggestionsCounted("judged")).isEqualTo(judgedBefore + 1);

    // and a further join asks nothing: both pairs are known
    consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build());
    assertThat(provider.seen).hasSize(asked + 1);
  }

  @Test
  void aPairTheJudgeDeclinedOnAReCheckIsNotAskedAgain() {
    String org = org();
    var two = ssoAndExport(org);
    var sso = two.sso();
    var export = two.export();
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
    var two = ssoAndExport(org);
    var sso = two.sso();
    var export = two.export();
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

  @Test
  void aReCheckWhosePairsCannotBeRecordedLeavesNoSuggestionAndIsAskedAgainAtTheNextJoin()
      throws Exception {
    String org = org();
    var two = ssoAndExport(org);
    var sso = two.sso();
    var export = two.export();
    long events = outboxEvents(export.postId());
    // given the database refuses this org's judged pairs (the write after the suggestion's)
    try (var refused =
        DedupTestSupport.orgTrigger(
            jdbc, org, "insert", "judged_pair", "raise exception 'judged_pair refused'")) {
      // when a mention joins the export post and the judge picks the sso post
      provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
      assertThatThrownBy(
              () -> consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build()))
          .isInstanceOf(DataAccessException.class);
    }
    // then the suggestion rolled back with its pairs (no MERGE_SUGGESTED; only the join's event)
    assertThat(suggestions(org)).isEmpty();
    assertThat(judged(org)).isEmpty();
    assertThat(outboxEvents(export.postId())).isEqualTo(events + 1);
    // and the next join asks the pair again and records both, with MERGE_SUGGESTED
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
    consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    assertThat(suggestions(org)).containsExactly(List.of(export.postId(), sso.postId()));
    assertThat(judged(org)).containsExactly(List.of(export.postId(), sso.postId(), true));
    assertThat(outboxEvents(export.postId())).isEqualTo(events + 3);
  }

  @Test
  void aNewItemWaitsOutAJudgeOutageAndIsNotPlacedWithoutItsAnswer() {
    String org = org();
    var sso = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    var item = ItemSpec.of(org, EXPORT, EXPORT_TEXT).build();
    // the provider answers 503 (its queue is empty): the item is not placed (the listener retries
    // it)
    assertThatThrownBy(() -> consolidating.consolidate(item))
        .isInstanceOf(ProviderHttp.ModelUnavailable.class);
    assertThat(livePosts(org)).containsExactly(sso.postId());
    // once the provider answers, the same item lands with the judge's pick suggested
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
    assertThat(consolidating.consolidate(item))
        .isInstanceOfSatisfying(
            Consolidation.Suggested.class,
            s -> assertThat(s.candidateId()).isEqualTo(sso.postId()));
  }

  @Test
  void aPostMergedWhileTheJudgeIsAskedAboutItsNeighboursGetsNoOpenSuggestion() {
    String org = org();
    var two = ssoAndExport(org);
    var sso = two.sso();
    var export = two.export();
    // while the judge is asked about the export post's neighbours (after a mention joined it), an
    // admin merges the export post into the sso post
    provider.before.add(() -> merging.merge(org, sso.postId(), export.postId(), "admin"));
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));
    var joined = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    assertThat(provider.hookFailures).isEmpty();
    assertThat(joined).isInstanceOf(Consolidation.Joined.class);
    assertThat(livePosts(org)).containsExactly(sso.postId());
    // then no suggestion was recorded for the merged post (least of all with the post it was
    // merged into), so none is left open naming it
    assertThat(suggestions(org)).isEmpty();
    assertThat(
            jdbc.sql(
                    "select count(*) from merge_suggestion s join post p on p.id in (s.post_id,"
                        + " s.candidate_id) where s.org_id = :org and s.status = 'open'"
                        + " and p.merged_into is not null")
                .param("org", org)
                .query(Long.class)
                .single())
        .isZero();
  }

  private double suggestionsCounted(String outcome) {
    return meters.find("earshot.dedup.suggestions").tag("outcome", outcome).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}

package dev.earshot.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.judge.MatchJudge;
import dev.earshot.events.Author;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.FeedbackKind;
import dev.earshot.events.ModelProvenance;
import dev.earshot.events.Priority;
import dev.earshot.events.Quote;
import dev.earshot.events.Sentiment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A board replayed with a judge of uncertain items: what an oracle of a given accuracy and a
 * configured model (here a fake that records its question) do to the board, as dedup-service's
 * judge does. Threshold 0.45, uncertain band 0.10, judge band 0.10, at most 3 candidates.
 */
class JudgesTest {

  static final double THRESHOLD = 0.45;
  static final double BAND = 0.10;

  /** A unit vector whose cosine with (1, 0, 0) is {@code cosine}, leaning on axis {@code axis}. */
  static float[] at(double cosine, int axis) {
    float[] v = new float[3];
    v[0] = (float) cosine;
    v[axis] = (float) Math.sqrt(1 - cosine * cosine);
    return v;
  }

  static DedupEval.Labelled labelled(float[] vector, String request, String text) {
    return new DedupEval.Labelled(null, vector, request, text, "FEATURE_REQUEST");
  }

  static DedupEval.Judged replay(List<DedupEval.Labelled> items, Judges.Judging judging) {
    return replay(items, judging, false, false);
  }

  /** As {@link #replay(List, Judges.Judging)}, the judge in mode suggest. */
  static DedupEval.Judged suggesting(
      List<DedupEval.Labelled> items, Judges.Judging judging, boolean recheck) {
    return replay(items, judging, recheck, true);
  }

  static DedupEval.Judged replay(
      List<DedupEval.Labelled> items, Judges.Judging judging, boolean recheck, boolean suggests) {
    return DedupEval.judged(
        items,
        THRESHOLD,
        BAND,
        10,
        DedupEval.Scoring.PLAIN,
        Suggesting.CLOSEST,
        20,
        recheck,
        new DedupEval.JudgeSetup(judging, 0.10, 3, suggests));
  }

  // two mentions of request "a" whose cosine, 0.40, lies in the band below the threshold
  static final List<DedupEval.Labelled> TWINS =
      List.of(
          labelled(new float[] {1, 0, 0}, "a", "Okta single sign-on"),
          labelled(at(0.40, 1), "a", "SSO through Okta"));

  // a mention of "b" scoring 0.40 against a post of "a"
  static final List<DedupEval.Labelled> STRANGERS =
      List.of(
          labelled(new float[] {1, 0, 0}, "a", "Okta single sign-on"),
          labelled(at(0.40, 2), "b", "Weekly report emails"));

  @Test
  void aJudgeThatSuggestsLeavesTheBoardAsItIsAndARightPickIsACorrectSuggestion() {
    DedupEval.Judged twins = suggesting(TWINS, Judges.oracle(1.0, 1), false);
    assertThat(twins.questions()).isEqualTo(1);
    assertThat(twins.rightPicks()).isEqualTo(1);
    assertThat(twins.review().before().posts()).isEqualTo(2);
    assertThat(twins.review().suggestions()).isEqualTo(1);
    assertThat(twins.review().precision()).isEqualTo(1.0);
    assertThat(twins.review().after().posts()).isEqualTo(1);

    DedupEval.Judged strangers = suggesting(STRANGERS, Judges.oracle(1.0, 1), false);
    assertThat(strangers.questions()).isEqualTo(1);
    assertThat(strangers.review().suggestions()).isZero();
  }

  @Test
  void aJudgeThatSuggestsReplacesTheRulesSuggestionsAndAWrongPickIsAWrongOne() {
    // the rule (closest in band) would suggest the stranger; the judge's none suggests nothing
    assertThat(replay(STRANGERS, (item, uncertain, board) -> java.util.Optional.empty()))
        .satisfies(j -> assertThat(j.review().suggestions()).isEqualTo(1));
    assertThat(suggesting(STRANGERS, (item, uncertain, board) -> java.util.Optional.empty(), false))
        .satisfies(j -> assertThat(j.review().suggestions()).isZero());
    // a wrong oracle picks the stranger: a suggestion, not a join
    DedupEval.Judged wrong = suggesting(STRANGERS, Judges.oracle(0.0, 1), false);
    assertThat(wrong.wrongPicks()).isEqualTo(1);
    assertThat(wrong.review().before().posts()).isEqualTo(2);
    assertThat(wrong.review().before().overMergeRate()).isZero();
    assertThat(wrong.review().suggestions()).isEqualTo(1);
    assertThat(wrong.review().precision()).isZero();
  }

  @Test
  void aJoinPutsTheGrownPostsClosestUnaskedNeighbourToTheJudgeOnce() {
    // P1 = {e1}; the second item (cosine 0.20 with P1, outside the judge's band [0.35, 0.45))
    // starts
    // P2 unasked; the third joins P2 (0.698 against 0.55) and brings P2's mean similarity with P1
    // to (0.20 + 0.55) / 2 = 0.375, inside the band: the join asks about P1; the fourth asks
    // nothing
    float[] v2 = {0.2f, (float) Math.sqrt(1 - 0.04), 0};
    float[] v3 = {0.55f, 0.6f, (float) Math.sqrt(1 - 0.55 * 0.55 - 0.36)};
    List<DedupEval.Labelled> items =
        List.of(
            labelled(new float[] {1, 0, 0}, "a", "Okta single sign-on"),
            labelled(v2, "a", "SSO for our staff"),
            labelled(v3, "a", "Sign in with our identity provider"),
            labelled(v3, "a", "Sign in with our identity provider"));
    List<List<UUID>> asked = new ArrayList<>();
    Judges.Judging picksTheFirst =
        (item, uncertain, board) -> {
          asked.add(uncertain);
          return java.util.Optional.of(uncertain.getFirst());
        };
    DedupEval.Judged judged = suggesting(items, picksTheFirst, true);
    assertThat(asked).hasSize(1);
    assertThat(asked.getFirst()).hasSize(1);
    assertThat(judged.review().before().posts()).isEqualTo(2);
    assertThat(judged.review().suggestions()).isEqualTo(1);
    assertThat(judged.review().precision()).isEqualTo(1.0);
    assertThat(judged.review().after().posts()).isEqualTo(1);
    // without re-checks the twin posts are never put to the judge
    assertThat(suggesting(items, picksTheFirst, false).review().suggestions()).isZero();
  }

  @Test
  void aRightOracleJoinsTwinsAndKeepsStrangersApart() {
    DedupEval.Judged twins = replay(TWINS, Judges.oracle(1.0, 1));
    assertThat(twins.questions()).isEqualTo(1);
    assertThat(twins.rightPicks()).isEqualTo(1);
    assertThat(twins.review().before().posts()).isEqualTo(1);
    assertThat(twins.review().before().duplicatePostRate()).isZero();
    assertThat(twins.review().suggestions()).isZero();

    DedupEval.Judged strangers = replay(STRANGERS, Judges.oracle(1.0, 1));
    assertThat(strangers.questions()).isEqualTo(1);
    assertThat(strangers.rightPicks() + strangers.wrongPicks() + strangers.missed()).isZero();
    assertThat(strangers.review().before().posts()).isEqualTo(2);
    assertThat(strangers.review().before().overMergeRate()).isZero();
  }

  @Test
  void aWrongOracleMissesTwinsWhichAreThenSuggestedAndJoinsStrangers() {
    DedupEval.Judged twins = replay(TWINS, Judges.oracle(0.0, 1));
    assertThat(twins.missed()).isEqualTo(1);
    assertThat(twins.review().before().posts()).isEqualTo(2);
    assertThat(twins.review().before().duplicatePostRate()).isEqualTo(0.5);
    // the near miss is suggested, as the service records it, and a reviewer joins the twins
    assertThat(twins.review().suggestions()).isEqualTo(1);
    assertThat(twins.review().precision()).isEqualTo(1.0);
    assertThat(twins.review().after().duplicatePostRate()).isZero();

    DedupEval.Judged strangers = replay(STRANGERS, Judges.oracle(0.0, 1));
    assertThat(strangers.wrongPicks()).isEqualTo(1);
    assertThat(strangers.review().before().posts()).isEqualTo(1);
    assertThat(strangers.review().before().overMergeRate()).isEqualTo(0.5);
  }

  @Test
  void withoutAJudgeTheUncertainItemStartsItsPostAsTheReplayWithoutOne() {
    DedupEval.Judged judged = replay(TWINS, (item, uncertain, board) -> java.util.Optional.empty());
    var plain =
        DedupEval.reviewed(
            TWINS, THRESHOLD, BAND, 10, DedupEval.Scoring.PLAIN, Suggesting.CLOSEST, 20, false);
    assertThat(judged.review()).isEqualTo(plain);
    assertThat(judged.questions()).isEqualTo(1);
    assertThat(judged.missed()).isEqualTo(1);
  }

  @Test
  void anItemNotInTheJudgesBandIsNotAsked() {
    List<DedupEval.Labelled> far =
        List.of(
            labelled(new float[] {1, 0, 0}, "a", "Okta single sign-on"),
            labelled(at(0.30, 1), "a", "SSO through Okta"));
    DedupEval.Judged judged = replay(far, Judges.oracle(1.0, 1));
    assertThat(judged.questions()).isZero();
    assertThat(judged.review().before().posts()).isEqualTo(2);
  }

  @Test
  void aConfiguredJudgeIsAskedWhatTheServiceAsksAndItsPickJoins() {
    List<MatchJudge.Question> asked = new ArrayList<>();
    MatchJudge picksTheFirst =
        new Recording(
            asked,
            q ->
                new MatchJudge.Verdict.Picked(
                    q.candidates().getFirst().postId(), MatchJudge.Usage.NONE));
    List<DedupEval.Labelled> items =
        List.of(
            extracted(
                new float[] {1, 0, 0},
                "a",
                "Okta single sign-on",
                "We have to log in with Okta, everyone does.",
                "Without single sign-on our IT will say no.",
                "The colours are fine."),
            extracted(at(0.40, 1), "a", "SSO through Okta", "Can we log in through Okta?"));

    DedupEval.Judged judged = replay(items, Judges.asking(picksTheFirst, 2));

    assertThat(asked).hasSize(1);
    MatchJudge.Question question = asked.getFirst();
    assertThat(question.item().title()).isEqualTo("SSO through Okta");
    assertThat(question.item().quotes()).containsExactly("Can we log in through Okta?");
    assertThat(question.candidates()).hasSize(1);
    MatchJudge.Said candidate = question.candidates().getFirst().said();
    assertThat(candidate.title()).isEqualTo("Okta single sign-on");
    // two quotes per side, those sharing rare words with the item first
    assertThat(candidate.quotes())
        .hasSize(2)
        .first()
        .isEqualTo("We have to log in with Okta, everyone does.");
    assertThat(candidate.quotes()).doesNotContain("The colours are fine.");
    assertThat(judged.rightPicks()).isEqualTo(1);
    assertThat(judged.review().before().posts()).isEqualTo(1);
  }

  @Test
  void aJudgeIsNotAskedAboutHandLabelsWhichHaveNoExtractedItem() {
    MatchJudge never = new Recording(new ArrayList<>(), q -> new MatchJudge.Verdict.NotAsked());
    assertThatThrownBy(() -> replay(TWINS, Judges.asking(never, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extracted items only");
  }

  @Test
  void anOracleAccuracyOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> Judges.oracle(1.5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
  }

  static DedupEval.Labelled extracted(
      float[] vector, String request, String title, String... quotes) {
    Instant started = Instant.parse("2026-11-02T15:00:00Z");
    FeedbackItem item =
        FeedbackItem.newBuilder()
            .setItemId(UUID.randomUUID().toString())
            .setOrgId("org-judges")
            .setConnectionId("conn-judges")
            .setCallId("call-" + title.hashCode())
            .setCallUrl("https://app.gong.io/call?id=1")
            .setCallStartedAt(started)
            .setAuthor(
                Author.newBuilder()
                    .setName("Dana Reyes")
                    .setEmail("dana@customer.example")
                    .setTitle("Ops lead")
                    .setCompany("Customer")
                    .build())
            .setKind(FeedbackKind.FEATURE_REQUEST)
            .setTitle(title)
            .setDescription(String.join(" ", quotes))
            .setSentiment(Sentiment.NEGATIVE)
            .setPriority(Priority.MEDIUM)
            .setFeatureArea("Security & access")
            .setPainPoints(List.of())
            .setQuotes(
                List.of(quotes).stream()
                    .map(
                        q ->
                            Quote.newBuilder()
                                .setText(q)
                                .setStartMs(1_000)
                                .setEndMs(2_000)
                                .setSpeakerName("Dana Reyes")
                                .build())
                    .toList())
            .setBoard("Product")
            .setCategory("Feature requests")
            .setTags(List.of())
            .setMetadata(Map.of())
            .setModel(ModelProvenance.newBuilder().setProvider("test").setModel("fixture").build())
            .setExtractedAt(started.plusSeconds(3600))
            .build();
    return new DedupEval.Labelled(item, vector, request);
  }

  /** A judge that records each question and answers as told. */
  record Recording(
      List<MatchJudge.Question> asked,
      java.util.function.Function<MatchJudge.Question, MatchJudge.Verdict> answer)
      implements MatchJudge {
    @Override
    public boolean asks() {
      return true;
    }

    @Override
    public Verdict judge(Question question) {
      asked.add(question);
      return answer.apply(question);
    }

    @Override
    public String provider() {
      return "recording";
    }

    @Override
    public Duration longestCall() {
      return Duration.ZERO;
    }
  }
}

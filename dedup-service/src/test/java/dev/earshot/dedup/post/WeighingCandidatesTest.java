package dev.earshot.dedup.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.dedup.board.KindPenalty;
import dev.earshot.dedup.board.MatchDecision;
import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.NewMention;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.judge.MatchJudge;
import dev.earshot.dedup.similarity.LexicalRescoring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Candidates re-scored with the rare words their mentions share with the item, and uncertain ones
 * put to the judge with titles and closest quotes; the board's mentions come from an in-memory
 * stand-in for PostgreSQL.
 */
class WeighingCandidatesTest {

  private static final String ORG = "org-1";

  /** Posts and mentions held in memory, read the way the service reads them. */
  static final class Board extends CandidateRepository {
    final Map<UUID, List<Mention>> mentions = new HashMap<>();
    final Map<UUID, String> titles = new HashMap<>();
    final List<String> history = new ArrayList<>();
    int reads;

    Board() {
      super(null);
    }

    UUID post(String title, String... texts) {
      UUID id = UUID.randomUUID();
      titles.put(id, title);
      List<Mention> list = new ArrayList<>();
      for (String text : texts) {
        list.add(new Mention(UUID.randomUUID(), id, item(title, text), Instant.EPOCH));
        history.add(title + ". " + text);
      }
      mentions.put(id, list);
      return id;
    }

    @Override
    Map<UUID, List<Mention>> recentMentions(Collection<UUID> postIds, int perPost) {
      reads++;
      Map<UUID, List<Mention>> out = new HashMap<>();
      postIds.forEach(id -> out.put(id, mentions.getOrDefault(id, List.of())));
      return out;
    }

    @Override
    Map<UUID, String> titles(Collection<UUID> postIds) {
      Map<UUID, String> out = new HashMap<>();
      postIds.forEach(id -> out.put(id, titles.get(id)));
      return out;
    }

    @Override
    List<String> recentMentionTexts(String orgId, int limit) {
      return history;
    }
  }

  /** A judge that records its question and picks the candidate it is told to. */
  static final class Judge implements MatchJudge {
    final List<Question> asked = new ArrayList<>();
    int pick;

    @Override
    public boolean asks() {
      return true;
    }

    @Override
    public Verdict judge(Question question) {
      asked.add(question);
      return pick == 0
          ? new Verdict.NoneChosen(Usage.NONE)
          : new Verdict.Picked(question.candidates().get(pick - 1).postId(), Usage.NONE);
    }

    @Override
    public String provider() {
      return "test";
    }

    @Override
    public Duration longestCall() {
      return Duration.ZERO;
    }
  }

  static NewMention item(String title, String text) {
    return new NewMention(
        "item-" + UUID.randomUUID(),
        ORG,
        "call-1",
        "https://app.gong.io/call?id=1",
        Instant.EPOCH,
        "Dana Reyes",
        "dana@customer.example",
        "Ops lead",
        "acc-1",
        "Acme",
        null,
        null,
        "FEATURE_REQUEST",
        "MEDIUM",
        "NEGATIVE",
        "Product",
        "Feature requests",
        title,
        text,
        List.of(),
        List.of(new QuoteRef(text, 0, 1000, "Dana Reyes")));
  }

  private final Board board = new Board();
  private final Judge judge = new Judge();

  private WeighingCandidates weighing(boolean rescoring, double band) {
    return new WeighingCandidates(
        board,
        judge,
        new WeighingCandidates.Settings(
            rescoring, new LexicalRescoring(0.4), 20, 1000, band, 3, 2, KindPenalty.NONE, false));
  }

  /** A post vector of one mention whose cosine to {@link #ITEM} is {@code cosine}. */
  private static PostVector vectorAt(UUID id, double cosine) {
    return PostVector.first(
        id, new float[] {(float) cosine, (float) Math.sqrt(1 - cosine * cosine)});
  }

  private static final float[] ITEM = {1, 0};

  private void commonBoard() {
    for (int i = 0; i < 30; i++) {
      board.post("Weekly report " + i, "The weekly report is slow to load.");
    }
  }

  @Test
  void aCandidateSharingRareWordsIsLiftedOneSharingCommonWordsBarely() {
    commonBoard();
    UUID okta = board.post("Okta SCIM", "Provision users from Okta with SCIM.");
    UUID report = board.post("Weekly report layout", "The weekly report needs a new layout.");
    NewMention item =
        item("SCIM with Okta", "Can Okta provision our users over SCIM in the report?");
    var candidates =
        weighing(true, 0).candidates(item, List.of(vectorAt(okta, 0.4), vectorAt(report, 0.4)));

    double lifted = candidates.rescore(vectorAt(okta, 0.4), 0.4);
    double barely = candidates.rescore(vectorAt(report, 0.4), 0.4);

    assertThat(lifted).isGreaterThan(0.4 + 0.4 * 0.4);
    assertThat(barely - 0.4).isLessThan((lifted - 0.4) / 2);
  }

  @Test
  void withoutRescoringTheCosineStandsAndNothingIsRead() {
    UUID okta = board.post("Okta SCIM", "Provision users from Okta with SCIM.");
    var candidates =
        weighing(false, 0)
            .candidates(item("SCIM", "Okta SCIM please."), List.of(vectorAt(okta, 0.4)));

    assertThat(candidates.rescore(vectorAt(okta, 0.4), 0.4)).isEqualTo(0.4);
    assertThat(board.reads).isZero();
  }

  private WeighingCandidates weighingKinds(boolean rescoring, double penalty) {
    return new WeighingCandidates(
        board,
        judge,
        new WeighingCandidates.Settings(
            rescoring,
            new LexicalRescoring(0.4),
            20,
            1000,
            0,
            3,
            2,
            new KindPenalty(penalty),
            false));
  }

  @Test
  void aCandidateOfAnotherMainKindScoresThePenaltyLowerOneOfTheItemsKindOrUnknownKeepsItsScore() {
    UUID bugs = board.post("Okta login fails", "Okta login fails for staff.");
    UUID requests = board.post("Okta SCIM", "Provision users from Okta with SCIM.");
    UUID unknown = board.post("Okta groups", "Okta groups should map to roles.");
    Map<UUID, String> mainKinds = Map.of(bugs, "BUG", requests, "FEATURE_REQUEST");
    List<UUID> asked = new ArrayList<>();
    Suggesting.Kinds kinds =
        post -> {
          asked.add(post);
          return mainKinds.get(post);
        };
    NewMention item = item("Okta SCIM", "Can Okta provision our users over SCIM?"); // a request
    List<PostVector> found =
        List.of(vectorAt(bugs, 0.52), vectorAt(requests, 0.52), vectorAt(unknown, 0.52));

    var candidates = weighingKinds(false, 0.05).candidates(item, found, kinds);

    assertThat(candidates.rescore(vectorAt(bugs, 0.52), 0.52)).isCloseTo(0.47, within(1e-9));
    assertThat(candidates.rescore(vectorAt(requests, 0.52), 0.52)).isEqualTo(0.52);
    assertThat(candidates.rescore(vectorAt(unknown, 0.52), 0.52)).isEqualTo(0.52);
    // so the bug post, first by cosine, no longer joins at 0.50; the request post does
    assertThat(new Matching(0.50, 0.15).decide(ITEM, List.of(vectorAt(bugs, 0.53)), candidates))
        .isInstanceOf(MatchDecision.Uncertain.class);
    assertThat(
            new Matching(0.50, 0.15)
                .decide(ITEM, List.of(vectorAt(bugs, 0.53), vectorAt(requests, 0.52)), candidates))
        .isInstanceOfSatisfying(
            MatchDecision.Join.class, j -> assertThat(j.post().postId()).isEqualTo(requests));
    assertThat(asked).contains(bugs, requests, unknown);
    assertThat(board.reads).isZero();
  }

  @Test
  void withTheLexicalTermThePenaltyComesOffTheReScoredScoreAndWithoutAPenaltyNoKindIsRead() {
    commonBoard();
    UUID okta = board.post("Okta SCIM", "Provision users from Okta with SCIM.");
    NewMention item = item("SCIM with Okta", "Can Okta provision our users over SCIM?");
    Suggesting.Kinds bug = post -> "BUG";
    double lifted =
        weighingKinds(true, 0)
            .candidates(item, List.of(vectorAt(okta, 0.4)), bug)
            .rescore(vectorAt(okta, 0.4), 0.4);
    assertThat(lifted).isGreaterThan(0.4);

    double penalised =
        weighingKinds(true, 0.05)
            .candidates(item, List.of(vectorAt(okta, 0.4)), bug)
            .rescore(vectorAt(okta, 0.4), 0.4);

    assertThat(penalised).isCloseTo(lifted - 0.05, within(1e-9));
    List<UUID> asked = new ArrayList<>();
    weighingKinds(false, 0)
        .candidates(
            item,
            List.of(vectorAt(okta, 0.4)),
            post -> {
              asked.add(post);
              return "BUG";
            })
        .rescore(vectorAt(okta, 0.4), 0.4);
    assertThat(asked).isEmpty();
  }

  @Test
  void anUncertainItemIsPutToTheJudgeWithTitlesAndClosestQuotesOnly() {
    UUID sso = board.post("Single sign-on with Okta", "Okta login for staff.", "We love the app.");
    UUID export = board.post("CSV export limit", "The CSV export stops at ten thousand rows.");
    UUID far = board.post("Mobile crash", "The mobile app crashes.");
    List<PostVector> found =
        List.of(vectorAt(sso, 0.40), vectorAt(export, 0.38), vectorAt(far, 0.10));
    NewMention item = item("Okta SSO", "Could staff log in with Okta?");
    WeighingCandidates weighing = weighing(false, 0.1);
    judge.pick = 1;

    var joined =
        weighing
            .judgement(item, ITEM, found, weighing.candidates(item, found), new Matching(0.45))
            .pick();

    assertThat(joined).get().extracting(m -> m.post().postId()).isEqualTo(sso);
    assertThat(joined.get().score()).isCloseTo(0.40, within(1e-6));
    MatchJudge.Question q = judge.asked.getFirst();
    assertThat(q.item())
        .isEqualTo(new MatchJudge.Said("Okta SSO", List.of("Could staff log in with Okta?")));
    // the far post is below the band; the others come best first, their closest quote first
    assertThat(q.candidates())
        .extracting(MatchJudge.Candidate::postId)
        .containsExactly(sso, export);
    assertThat(q.candidates().getFirst().said())
        .isEqualTo(
            new MatchJudge.Said(
                "Single sign-on with Okta", List.of("Okta login for staff.", "We love the app.")));
  }

  @Test
  void theJudgesNoneLeavesTheItemNew() {
    UUID sso = board.post("Single sign-on with Okta", "Okta login for staff.");
    List<PostVector> found = List.of(vectorAt(sso, 0.40));
    NewMention item = item("Okta SSO", "Could staff log in with Okta?");
    WeighingCandidates weighing = weighing(false, 0.1);
    judge.pick = 0;

    assertThat(
            weighing
                .judgement(item, ITEM, found, weighing.candidates(item, found), new Matching(0.45))
                .pick())
        .isEmpty();
    assertThat(judge.asked).hasSize(1);
  }

  @Test
  void nobodyIsAskedBelowTheBandOrWithoutAJudge() {
    UUID sso = board.post("Single sign-on with Okta", "Okta login for staff.");
    List<PostVector> found = List.of(vectorAt(sso, 0.30));
    NewMention item = item("Okta SSO", "Could staff log in with Okta?");
    WeighingCandidates banded = weighing(false, 0.1);
    WeighingCandidates offline =
        new WeighingCandidates(
            board,
            MatchJudge.NEVER,
            new WeighingCandidates.Settings(
                false, new LexicalRescoring(0.4), 20, 1000, 1, 3, 2, KindPenalty.NONE, false));

    assertThat(
            banded
                .judgement(item, ITEM, found, banded.candidates(item, found), new Matching(0.45))
                .pick())
        .isEmpty();
    assertThat(
            offline
                .judgement(
                    item,
                    ITEM,
                    List.of(vectorAt(sso, 0.44)),
                    offline.candidates(item, found),
                    new Matching(0.45))
                .pick())
        .isEmpty();
    assertThat(judge.asked).isEmpty();
  }
}

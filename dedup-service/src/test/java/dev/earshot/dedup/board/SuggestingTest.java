package dev.earshot.dedup.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SuggestingTest {

  private static final float[] ITEM = {1, 0, 0};
  private static final Matching MATCHING = new Matching(0.45, 0.10);

  /** A post of one mention whose cosine to {@link #ITEM} is {@code c}. */
  private static PostVector at(double c) {
    return PostVector.first(
        UUID.randomUUID(), new float[] {(float) c, (float) Math.sqrt(1 - c * c), 0});
  }

  private static List<UUID> ids(List<Suggesting.Pick> picks) {
    return picks.stream().map(p -> p.post().postId()).toList();
  }

  @Test
  void theClosestRuleSuggestsTheClosestCandidateInTheBandOnly() {
    PostVector joins = at(0.50);
    PostVector closest = at(0.43);
    PostVector other = at(0.38);
    PostVector below = at(0.30);
    var picks =
        Suggesting.CLOSEST.pick(
            ITEM,
            List.of(joins, other, closest, below),
            MATCHING,
            Matching.Rescoring.NONE,
            Suggesting.Evidence.NONE);
    assertThat(ids(picks)).containsExactly(closest.postId());
  }

  @Test
  void sharedRareWordsOutrankASlightlyHigherEmbeddingScore() {
    PostVector closest = at(0.43);
    PostVector twin = at(0.40);
    Map<UUID, Double> lexical = Map.of(closest.postId(), 0.0, twin.postId(), 0.5);
    var picks =
        new Suggesting(0.4, 0, 1)
            .pick(
                ITEM,
                List.of(closest, twin),
                MATCHING,
                Matching.Rescoring.NONE,
                p -> lexical.get(p.postId()));
    assertThat(ids(picks)).containsExactly(twin.postId());
    assertThat(picks.getFirst().lexical()).isEqualTo(0.5);
  }

  @Test
  void candidatesBelowTheLexicalFloorAreNotSuggested() {
    PostVector closest = at(0.43);
    PostVector other = at(0.40);
    Map<UUID, Double> lexical = Map.of(closest.postId(), 0.05, other.postId(), 0.2);
    var picks =
        new Suggesting(0, 0.1, 3)
            .pick(
                ITEM,
                List.of(closest, other),
                MATCHING,
                Matching.Rescoring.NONE,
                p -> lexical.get(p.postId()));
    assertThat(ids(picks)).containsExactly(other.postId());
  }

  @Test
  void upToMostCandidatesAreSuggestedBestFirst() {
    PostVector a = at(0.44);
    PostVector b = at(0.41);
    PostVector c = at(0.37);
    var picks =
        new Suggesting(0, 0, 2)
            .pick(ITEM, List.of(c, a, b), MATCHING, Matching.Rescoring.NONE, p -> 0);
    assertThat(ids(picks)).containsExactly(a.postId(), b.postId());
  }

  @Test
  void noBandNoSuggestion() {
    var picks =
        Suggesting.CLOSEST.pick(
            ITEM,
            List.of(at(0.44)),
            new Matching(0.45),
            Matching.Rescoring.NONE,
            Suggesting.Evidence.NONE);
    assertThat(picks).isEmpty();
  }

  @Test
  void aGrownPostIsRecheckedAgainstOtherPostsByTheMeanSimilarityOfTheirMentions() {
    // the grown post's two mentions: (1,0,0) and (0.6,0.8,0); mean cosine to a post of one
    // mention m: (m·(1.6,0.8,0)) / 2
    PostVector grown =
        PostVector.first(UUID.randomUUID(), new float[] {1, 0, 0})
            .plus(new float[] {0.6f, 0.8f, 0});
    // (1.28 + 0.48) / 2 = 0.88: above the threshold, a join rule's business, not a suggestion
    PostVector same = PostVector.first(UUID.randomUUID(), new float[] {0.8f, 0.6f, 0});
    // 0.64 / 2 = 0.32: below the band
    PostVector far = PostVector.first(UUID.randomUUID(), new float[] {0.4f, 0, 0.9165f});
    // 0.8 / 2 = 0.40: in [0.35, 0.45)
    PostVector inBand =
        PostVector.first(UUID.randomUUID(), new float[] {0.5f, 0, (float) Math.sqrt(0.75)});
    var picks =
        new Suggesting(0.4, 0.1, 1).recheck(grown, List.of(grown, same, far, inBand), MATCHING);
    assertThat(ids(picks)).containsExactly(inBand.postId());
    assertThat(picks.getFirst().score()).isCloseTo(0.40, org.assertj.core.data.Offset.offset(1e-3));
  }

  /**
   * A grown post of two mentions, (1,0,0) and (0.6,0.8,0), and posts at a known mean similarity.
   */
  private static final PostVector GROWN =
      PostVector.first(UUID.randomUUID(), new float[] {1, 0, 0}).plus(new float[] {0.6f, 0.8f, 0});

  /** A post of one mention whose mean similarity to {@link #GROWN} is {@code s} (0 ≤ s ≤ 0.8). */
  private static PostVector againstGrown(double s) {
    // (1.6 x) / 2 = s with y = 0
    float x = (float) (s / 0.8);
    return PostVector.first(UUID.randomUUID(), new float[] {x, 0, (float) Math.sqrt(1 - x * x)});
  }

  @Test
  void withTheKindGateARecheckedPostOfAnotherKindIsNotSuggestedEvenWhenCloser() {
    PostVector bug = againstGrown(0.43);
    PostVector request = againstGrown(0.38);
    Map<UUID, String> kinds =
        Map.of(
            GROWN.postId(), "FEATURE_REQUEST",
            bug.postId(), "BUG",
            request.postId(), "FEATURE_REQUEST");
    var picks =
        new Suggesting(0.4, 0.1, 1, true)
            .recheck(GROWN, List.of(bug, request), MATCHING, kinds::get);
    assertThat(ids(picks)).containsExactly(request.postId());
    assertThat(picks.getFirst().score()).isCloseTo(0.38, org.assertj.core.data.Offset.offset(1e-3));
    // without the gate the closer post of the other kind wins, as before
    var ungated =
        new Suggesting(0.4, 0.1, 1, false)
            .recheck(GROWN, List.of(bug, request), MATCHING, kinds::get);
    assertThat(ids(ungated)).containsExactly(bug.postId());
  }

  @Test
  void theKindGateLetsThroughPostsWhoseKindIsUnknown() {
    PostVector unknown = againstGrown(0.42);
    PostVector bug = againstGrown(0.44);
    Map<UUID, String> kinds = Map.of(GROWN.postId(), "UX", bug.postId(), "BUG");
    var picks =
        new Suggesting(0, 0, 2, true).recheck(GROWN, List.of(bug, unknown), MATCHING, kinds::get);
    assertThat(ids(picks)).containsExactly(unknown.postId());
    // the grown post's own kind unknown: nothing to compare, nothing gated
    var ungrown =
        new Suggesting(0, 0, 2, true)
            .recheck(GROWN, List.of(bug, unknown), MATCHING, Suggesting.Kinds.UNKNOWN);
    assertThat(ids(ungrown)).containsExactly(bug.postId(), unknown.postId());
  }

  @Test
  void kindsAreNotReadWhenNoPostIsInTheBand() {
    Suggesting.Kinds refusing =
        post -> {
          throw new AssertionError("kinds read for " + post);
        };
    var picks =
        new Suggesting(0, 0, 1, true)
            .recheck(GROWN, List.of(againstGrown(0.30), againstGrown(0.60)), MATCHING, refusing);
    assertThat(picks).isEmpty();
  }

  @Test
  void theKindGateDoesNotTouchTheNewItemsSuggestions() {
    PostVector closest = at(0.43);
    var picks =
        new Suggesting(0, 0, 1, true)
            .pick(
                ITEM,
                List.of(closest),
                MATCHING,
                Matching.Rescoring.NONE,
                Suggesting.Evidence.NONE);
    assertThat(ids(picks)).containsExactly(closest.postId());
  }

  @Test
  void aRuleOutsideItsRangesIsRefused() {
    assertThatThrownBy(() -> new Suggesting(3, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Suggesting(0, -0.1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Suggesting(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.earshot.dedup.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.embeddings.Vectors;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MatchingTest {

  private static float[] unit(float... v) {
    return Vectors.unit(v);
  }

  @Test
  void anItemJoinsThePostWhoseMentionsItResemblesEnoughOnAverage() {
    // given a post of two mentions, both close to the item
    PostVector post = PostVector.first(UUID.randomUUID(), unit(1, 0.1f, 0)).plus(unit(1, -0.1f, 0));
    // when
    var match = new Matching(0.8).best(unit(1, 0, 0), List.of(post));
    // then
    assertThat(match).isPresent();
    assertThat(match.get().score()).isGreaterThan(0.99);
  }

  @Test
  void anItemBelowTheThresholdJoinsNothing() {
    PostVector post = PostVector.first(UUID.randomUUID(), unit(1, 0, 0));
    assertThat(new Matching(0.8).best(unit(1, 1, 0), List.of(post))).isEmpty();
  }

  @Test
  void theBestPostAboveTheThresholdWins() {
    PostVector far = PostVector.first(UUID.randomUUID(), unit(1, 0.5f, 0));
    PostVector near = PostVector.first(UUID.randomUUID(), unit(1, 0.1f, 0));
    var match = new Matching(0.5).best(unit(1, 0, 0), List.of(far, near));
    assertThat(match).get().extracting(m -> m.post().postId()).isEqualTo(near.postId());
  }

  @Test
  void aRescoringDecidesBeforeTheThreshold() {
    // given two posts: the nearer by embedding, and one the rescoring lifts above it
    PostVector near = PostVector.first(UUID.randomUUID(), unit(1, 0.1f, 0));
    PostVector lifted = PostVector.first(UUID.randomUUID(), unit(1, 0.9f, 0));
    Matching matching = new Matching(0.9);
    Matching.Rescoring bonus = (post, similarity) -> post == lifted ? similarity + 0.5 : similarity;
    // when scored with the rescoring, the lifted post wins with its re-scored score
    var match = matching.closest(unit(1, 0.9f, 0), List.of(near, lifted), bonus).orElseThrow();
    assertThat(match.post()).isEqualTo(lifted);
    assertThat(match.score()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(matching.joins(match)).isTrue();
    // and without it, the plain score decides
    assertThat(matching.closest(unit(1, 0.9f, 0), List.of(near, lifted)).orElseThrow().score())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aLargeVariedPostDoesNotSwallowItemsItsCentroidHappensToBeNear() {
    // given a post whose mentions point in opposite-ish directions: its centroid sits between
    // them, near an item that resembles none of the mentions
    PostVector varied =
        PostVector.first(UUID.randomUUID(), unit(1, 1, 0)).plus(unit(1, -1, 0)).plus(unit(1, 0, 1));
    float[] item = unit(1, 0, 0.2f);
    assertThat(Vectors.dot(item, varied.centroid())).isGreaterThan(0.8);
    // then the mean similarity decides, and it is too low
    assertThat(new Matching(0.8).best(item, List.of(varied))).isEmpty();
  }

  @Test
  void aThresholdIsACosine() {
    assertThatThrownBy(() -> new Matching(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCandidateJustBelowTheThresholdIsUncertainAndWorthASuggestion() {
    // given a post at cosine 0.8 from the item, threshold 0.9, band 0.15
    PostVector post = PostVector.first(UUID.randomUUID(), unit(0.8f, 0.6f, 0));
    // when
    MatchDecision decision = new Matching(0.9, 0.15).decide(unit(1, 0, 0), List.of(post));
    // then
    assertThat(decision).isInstanceOf(MatchDecision.Uncertain.class);
    var uncertain = (MatchDecision.Uncertain) decision;
    assertThat(uncertain.candidate().postId()).isEqualTo(post.postId());
    assertThat(uncertain.score()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aCandidateBelowTheBandStartsAPostWithNothingToSuggest() {
    PostVector post = PostVector.first(UUID.randomUUID(), unit(0.6f, 0.8f, 0));
    MatchDecision decision = new Matching(0.9, 0.15).decide(unit(1, 0, 0), List.of(post));
    assertThat(decision).isInstanceOf(MatchDecision.New.class);
    assertThat(decision.bestScore()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aCandidateReachingTheThresholdIsJoinedNotSuggested() {
    PostVector post = PostVector.first(UUID.randomUUID(), unit(0.95f, 0.3122f, 0));
    MatchDecision decision = new Matching(0.9, 0.15).decide(unit(1, 0, 0), List.of(post));
    assertThat(decision).isInstanceOf(MatchDecision.Join.class);
  }

  @Test
  void withoutABandNothingIsUncertainAndWithoutCandidatesTheItemIsNew() {
    PostVector post = PostVector.first(UUID.randomUUID(), unit(0.8f, 0.6f, 0));
    assertThat(new Matching(0.9).decide(unit(1, 0, 0), List.of(post)))
        .isInstanceOf(MatchDecision.New.class);
    assertThat(new Matching(0.9, 0.15).decide(unit(1, 0, 0), List.of()))
        .isEqualTo(new MatchDecision.New(-1));
  }

  @Test
  void aBandIsAWidthOfCosine() {
    assertThatThrownBy(() -> new Matching(0.5, -0.1)).isInstanceOf(IllegalArgumentException.class);
  }
}

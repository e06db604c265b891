package dev.earshot.gong.simulator.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoardTruthReviewTest {

  @Test
  void aReviewerAcceptsOnlySuggestionsJoiningTwinsAndTheBoardLosesThoseDuplicates() {
    // given four posts: two of sso (twins), one of export, one unlabelled (extraction noise)
    Map<String, List<String>> posts = new LinkedHashMap<>();
    posts.put("p1", List.of("sso", "sso"));
    posts.put("p2", List.of("sso"));
    posts.put("p3", List.of("export"));
    posts.put("p4", List.of());
    // when three suggestions are reviewed: twins, different requests, and noise
    BoardTruth.Review review =
        BoardTruth.review(
            posts,
            List.of(
                new BoardTruth.Suggestion<>("p2", "p1"),
                new BoardTruth.Suggestion<>("p3", "p1"),
                new BoardTruth.Suggestion<>("p4", "p3")));
    // then one of three would join twins, and accepting it removes the only duplicate post
    assertThat(review.suggestions()).isEqualTo(3);
    assertThat(review.correct()).isEqualTo(1);
    assertThat(review.precision()).isEqualTo(1 / 3.0);
    assertThat(review.before().duplicatePosts()).isEqualTo(1);
    assertThat(review.after().duplicatePosts()).isZero();
    assertThat(review.after().posts()).isEqualTo(2);
    assertThat(review.after().overMerged()).isZero();
  }

  @Test
  void chainsOfAcceptedSuggestionsMakeOnePost() {
    Map<String, List<String>> posts =
        Map.of("a", List.of("r"), "b", List.of("r"), "c", List.of("r"));
    BoardTruth.Review review =
        BoardTruth.review(
            posts,
            List.of(new BoardTruth.Suggestion<>("b", "a"), new BoardTruth.Suggestion<>("c", "b")));
    assertThat(review.after().posts()).isEqualTo(1);
    assertThat(review.after().duplicatePostRate()).isZero();
  }
}

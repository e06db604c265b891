package dev.earshot.dedup.post;

import dev.earshot.dedup.board.MergeSuggestion;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A merge suggestion: {@code post} (new) would merge into {@code candidate}; accepting does so. */
record SuggestionView(
    UUID id,
    String status,
    double score,
    PostRef post,
    PostRef candidate,
    MergeSuggestion.Evidence evidence,
    Instant createdAt,
    Instant decidedAt,
    String decidedBy,
    Map<String, String> links) {
  /** A post named in a suggestion, with its link. */
  record PostRef(UUID id, String title, String link) {
    static PostRef of(UUID id, String title) {
      return new PostRef(id, title, "/api/v1/posts/" + id);
    }
  }

  static SuggestionView of(ReviewingSuggestions.Listed l) {
    MergeSuggestion s = l.suggestion();
    String self = "/api/v1/posts/suggestions/" + s.id();
    return new SuggestionView(
        s.id(),
        s.status().apiName(),
        Math.round(s.score() * 10_000) / 10_000.0,
        PostRef.of(s.postId(), l.postTitle()),
        PostRef.of(s.candidateId(), l.candidateTitle()),
        s.evidence(),
        s.createdAt(),
        s.decidedAt(),
        s.decidedBy(),
        Map.of("accept", self + "/accept", "dismiss", self + "/dismiss"));
  }
}

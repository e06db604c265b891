package dev.earshot.dedup.post;

import dev.earshot.dedup.board.MergeSuggestion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person reviews the org's merge suggestions: lists the open ones (highest score first), accepts
 * one (its new post merges into the candidate, through {@link MergingPosts}) or dismisses it (the
 * pair is never suggested again). Deciding is idempotent: deciding the same way again returns the
 * same outcome and changes nothing; the other decision on a decided suggestion is a 409.
 */
public class ReviewingSuggestions {

  /** A suggestion with the titles of its two posts. */
  public record Listed(MergeSuggestion suggestion, String postTitle, String candidateTitle) {}

  /** One page of open suggestions and how many there are in all. */
  public record Page(List<Listed> suggestions, int page, int size, long total) {}

  private final SuggestionRepository suggestions;
  private final MergingPosts merging;
  private final TransactionTemplate transactions;
  private final BoardMetrics metrics;
  private final Clock clock;

  ReviewingSuggestions(
      SuggestionRepository suggestions,
      MergingPosts merging,
      TransactionTemplate transactions,
      BoardMetrics metrics,
      Clock clock) {
    this.suggestions = suggestions;
    this.merging = merging;
    this.transactions = transactions;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Page open(String orgId, int page, int size) {
    return suggestions.open(orgId, page, size);
  }

  /**
   * Accepts the suggestion: the new post merges into the candidate. Accepting again returns the
   * same outcome; a dismissed or closed suggestion is a 409, another org's a 404. Both posts are
   * locked (in id order, as a merge locks them) before the suggestion: a merge of either post holds
   * them while it closes their suggestions, so two accepts of one post's suggestions, or an accept
   * beside a merge, wait for each other instead of deadlocking. A suggestion a split moved to its
   * new post meanwhile is read again and accepted as it stands now.
   */
  public Listed accept(String orgId, UUID id, String actor) {
    Boolean merged = null;
    // a split may move the suggestion to the new post between reading and locking it: the posts
    // then locked are not its own, so it is read again (a second move needs a second split)
    for (int attempt = 0; merged == null && attempt < 3; attempt++) {
      MergeSuggestion seen =
          suggestions
              .find(orgId, id)
              .orElseThrow(() -> PostProblems.noSuchSuggestion(id))
              .suggestion();
      merged =
          transactions.execute(
              status -> {
                merging.lockInIdOrder(orgId, seen.postId(), seen.candidateId());
                MergeSuggestion s = lock(orgId, id);
                if (!s.postId().equals(seen.postId())
                    || !s.candidateId().equals(seen.candidateId())) {
                  return null;
                }
                return switch (s.status()) {
                  case ACCEPTED -> false;
                  case DISMISSED -> throw PostProblems.suggestionDecided(id, "dismissed");
                  case CLOSED -> throw PostProblems.suggestionDecided(id, "closed");
                  case OPEN -> {
                    // decided first: the merge closes the post's other open suggestions only
                    suggestions.decide(id, MergeSuggestion.Status.ACCEPTED, actor, now());
                    merging.mergeInTransaction(orgId, s.candidateId(), s.postId(), actor);
                    yield true;
                  }
                };
              });
    }
    if (merged == null) {
      throw new PessimisticLockingFailureException(
          "merge suggestion " + id + " kept moving to other posts while it was accepted");
    }
    Listed accepted = suggestions.find(orgId, id).orElseThrow();
    if (merged) {
      merging.reindex(accepted.suggestion().candidateId(), accepted.suggestion().postId());
      metrics.suggestion("accepted", 1);
    }
    return accepted;
  }

  /**
   * Dismisses the suggestion: the pair is never suggested again. Dismissing again returns the same
   * outcome; an accepted or closed suggestion is a 409, another org's a 404.
   */
  public Listed dismiss(String orgId, UUID id, String actor) {
    boolean dismissed =
        Boolean.TRUE.equals(
            transactions.execute(
                status -> {
                  MergeSuggestion s = lock(orgId, id);
                  return switch (s.status()) {
                    case DISMISSED -> false;
                    case ACCEPTED -> throw PostProblems.suggestionDecided(id, "accepted");
                    case CLOSED -> throw PostProblems.suggestionDecided(id, "closed");
                    case OPEN -> {
                      suggestions.decide(id, MergeSuggestion.Status.DISMISSED, actor, now());
                      yield true;
                    }
                  };
                }));
    if (dismissed) {
      metrics.suggestion("dismissed", 1);
    }
    return suggestions.find(orgId, id).orElseThrow();
  }

  private MergeSuggestion lock(String orgId, UUID id) {
    return suggestions.lock(orgId, id).orElseThrow(() -> PostProblems.noSuchSuggestion(id));
  }

  private Instant now() {
    return clock.instant();
  }
}

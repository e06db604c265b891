package dev.earshot.dedup.board;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A suggested merge: an item started {@code postId} while {@code candidateId} scored within the
 * uncertain band below the join threshold. Accepting merges {@code postId} into {@code
 * candidateId}.
 *
 * @param id suggestion id
 * @param orgId the org
 * @param postId the new post the item started
 * @param candidateId the existing post it resembles
 * @param score the item's mean cosine similarity to the candidate's mentions
 * @param evidence the two closest quotes
 * @param status where it stands
 * @param createdAt when it was recorded
 * @param decidedAt when it was accepted, dismissed or closed; null while open
 * @param decidedBy who accepted or dismissed it (a token's subject), or {@code system} when closed
 */
public record MergeSuggestion(
    UUID id,
    String orgId,
    UUID postId,
    UUID candidateId,
    double score,
    Evidence evidence,
    Status status,
    Instant createdAt,
    Instant decidedAt,
    String decidedBy) {

  /**
   * Why the pair looks alike: the new item's quote and the candidate post's quote that are closest.
   *
   * @param itemQuote a quote of the item that started the post; null when it had none
   * @param candidateQuote a quote of the candidate post; null when its mentions had none
   */
  public record Evidence(String itemQuote, String candidateQuote) {}

  /** Open until a person accepts or dismisses it, or either post is merged (closed). */
  public enum Status {
    OPEN,
    ACCEPTED,
    DISMISSED,
    CLOSED;

    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromApiName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }
}

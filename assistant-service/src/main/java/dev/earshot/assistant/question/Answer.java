package dev.earshot.assistant.question;

import java.time.Instant;
import java.util.List;

/**
 * An answer about a customer.
 *
 * @param customer the customer asked about
 * @param question the question
 * @param answer the answer's text; each claim ends with the number of its citation, e.g. {@code
 *     [2]}
 * @param citations what each number stands for: the call (and post) the passage comes from
 * @param calls the calls read, newest first
 * @param model how the answer was written: {@code extractive} with the ranking model's name, or a
 *     language model's
 * @param noCalls why no call was found, or null when some were
 */
public record Answer(
    String customer,
    String question,
    String answer,
    List<Citation> citations,
    List<CallUsed> calls,
    Model model,
    NoCalls noCalls) {

  /**
   * A cited passage.
   *
   * @param n its number in the answer
   * @param callId the call it comes from
   * @param callTitle that call's title
   * @param callStarted when that call started
   * @param callUrl the call in Gong
   * @param source brief, key point, highlight, outline, point of interest or feedback post
   * @param postId the feedback post, when the source is one
   * @param text the passage
   * @param score its similarity to the question (cosine, -1 to 1)
   */
  public record Citation(
      int n,
      String callId,
      String callTitle,
      Instant callStarted,
      String callUrl,
      String source,
      String postId,
      String text,
      double score) {}

  /** A call the answer read. */
  public record CallUsed(String id, String title, Instant started, String url) {}

  /**
   * How the answer was written.
   *
   * @param kind {@code extractive} (the passages themselves) or {@code generative} (a language
   *     model's claims, each citation checked)
   * @param name the model: the ranking embedding model, or {@code <provider>:<model>}
   * @param note why a configured language model's answer was not used, or null
   */
  public record Model(String kind, String name, String note) {}

  /**
   * Why nothing was found.
   *
   * @param reason the explanation
   * @param from the window's start
   * @param to the window's end
   * @param matchedOn how the name was matched
   * @param nearestNames the names seen on the org's calls in the window closest to the one asked
   */
  public record NoCalls(
      String reason, Instant from, Instant to, String matchedOn, List<String> nearestNames) {}
}

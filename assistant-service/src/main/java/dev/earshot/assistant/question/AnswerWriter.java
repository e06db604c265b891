package dev.earshot.assistant.question;

import java.util.List;
import java.util.Optional;

/**
 * Writes an answer from numbered passages, every claim citing the passages it rests on. The offline
 * default writes none (the extractive answer stands); a language-model adapter writes one.
 */
public interface AnswerWriter {

  /**
   * A claim of the answer and the passage numbers (1-based, as given) it rests on.
   *
   * @param text the claim
   * @param citations passage numbers, at least one
   */
  record Claim(String text, List<Integer> citations) {}

  /** The writer's kind ({@code extractive} or {@code generative}) and model name. */
  Answer.Model model();

  /**
   * @param customer the customer asked about
   * @param question the question
   * @param passages the passages, numbered from 1 in this order
   * @return the claims, every one citing passages that exist; empty when no acceptable answer was
   *     written (the caller then answers extractively)
   */
  Optional<List<Claim>> write(String customer, String question, List<String> passages);
}

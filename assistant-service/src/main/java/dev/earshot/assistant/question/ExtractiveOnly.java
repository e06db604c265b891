package dev.earshot.assistant.question;

import java.util.List;
import java.util.Optional;

/** The offline default: no language model; the ranked passages are the answer. */
public final class ExtractiveOnly implements AnswerWriter {

  private final String rankingModel;

  /**
   * @param rankingModel the embedding model that ranks the passages, named in the answer
   */
  public ExtractiveOnly(String rankingModel) {
    this.rankingModel = rankingModel;
  }

  @Override
  public Answer.Model model() {
    return new Answer.Model("extractive", rankingModel, null);
  }

  @Override
  public Optional<List<Claim>> write(String customer, String question, List<String> passages) {
    return Optional.empty();
  }
}

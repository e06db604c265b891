package dev.earshot.extraction.model.llm;

import dev.earshot.extraction.detect.LexicalGate;
import dev.earshot.provider.LanguageModelChat;
import dev.earshot.provider.LlmSettings;
import java.net.http.HttpClient;

/**
 * Anthropic's Messages API, asked through {@link LanguageModelChat.Dialect#ANTHROPIC}: the answer's
 * schema is the input schema of the one tool ({@link #TOOL}) the model must use.
 */
public final class AnthropicFeedbackModel extends LanguageModelFeedbackModel {

  static final String TOOL = ANSWER.toolName();

  public AnthropicFeedbackModel(
      LlmSettings settings, LexicalGate gate, CallDigest.Settings digest, HttpClient http) {
    super(
        new LanguageModelChat(LanguageModelChat.Dialect.ANTHROPIC, settings, http, ANSWER),
        gate,
        digest);
  }
}

package dev.earshot.dedup.judge;

import dev.earshot.provider.LanguageModelChat;
import dev.earshot.provider.LlmSettings;
import java.net.http.HttpClient;

/**
 * Anthropic's Messages API, asked through {@link LanguageModelChat.Dialect#ANTHROPIC}: the answer's
 * schema is the input schema of the one tool ({@link #TOOL}) the model must use.
 */
public final class AnthropicMatchJudge extends LanguageModelJudge {

  static final String TOOL = ANSWER.toolName();

  public AnthropicMatchJudge(LlmSettings settings, HttpClient http) {
    super(new LanguageModelChat(LanguageModelChat.Dialect.ANTHROPIC, settings, http, ANSWER));
  }
}

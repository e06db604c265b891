package dev.earshot.dedup.judge;

import dev.earshot.provider.LanguageModelChat;
import dev.earshot.provider.LlmSettings;
import java.net.http.HttpClient;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama), asked
 * through {@link LanguageModelChat.Dialect#OPENAI} with the answer's schema named {@code
 * matching_post}; a refusal ({@code message.refusal}) is no answer.
 */
public final class OpenAiMatchJudge extends LanguageModelJudge {

  public OpenAiMatchJudge(LlmSettings settings, HttpClient http) {
    super(new LanguageModelChat(LanguageModelChat.Dialect.OPENAI, settings, http, ANSWER));
  }
}

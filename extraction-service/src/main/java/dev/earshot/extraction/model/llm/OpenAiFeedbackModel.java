package dev.earshot.extraction.model.llm;

import dev.earshot.extraction.detect.LexicalGate;
import dev.earshot.provider.LanguageModelChat;
import dev.earshot.provider.LlmSettings;
import java.net.http.HttpClient;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp
 * server), asked through {@link LanguageModelChat.Dialect#OPENAI} with the answer's schema named
 * {@code feedback_items}.
 */
public final class OpenAiFeedbackModel extends LanguageModelFeedbackModel {

  public OpenAiFeedbackModel(
      LlmSettings settings, LexicalGate gate, CallDigest.Settings digest, HttpClient http) {
    super(
        new LanguageModelChat(LanguageModelChat.Dialect.OPENAI, settings, http, ANSWER),
        gate,
        digest);
  }
}

package dev.earshot.embeddings;

import java.net.http.HttpClient;

/**
 * OpenAI-compatible {@code POST /v1/embeddings} (OpenAI, vLLM, Ollama, llama.cpp server): {@code
 * {input: [...], model, encoding_format: "float"}}; vectors in {@code data[].embedding}.
 */
public final class OpenAiEmbeddingModel extends HostedEmbeddingModel {

  /**
   * @param settings where and how to reach the API (see {@link HostedEmbeddingSettings})
   * @param client the HTTP client every request goes through
   */
  public OpenAiEmbeddingModel(HostedEmbeddingSettings settings, HttpClient client) {
    super(settings, client, "encoding_format", "float");
  }
}

package dev.earshot.embeddings;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/**
 * OpenAI-compatible {@code POST /v1/embeddings} (OpenAI, vLLM, Ollama, llama.cpp server): {@code
 * {input: [...], model, encoding_format: "float"}}; vectors in {@code data[].embedding}.
 */
public final class OpenAiEmbeddingModel extends HostedEmbeddingModel {

  public OpenAiEmbeddingModel(HostedEmbeddingSettings settings, HttpClient client) {
    super(settings, client);
  }

  @Override
  String path() {
    return "/v1/embeddings";
  }

  @Override
  Map<String, Object> body(List<String> texts) {
    return Map.of("input", texts, "model", name(), "encoding_format", "float");
  }
}

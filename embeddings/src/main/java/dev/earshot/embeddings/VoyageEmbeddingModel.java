package dev.earshot.embeddings;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/**
 * Voyage AI's {@code POST /v1/embeddings}: {@code {input: [...], model, input_type: "document"}}
 * with a Bearer key; vectors in {@code data[].embedding}.
 */
public final class VoyageEmbeddingModel extends HostedEmbeddingModel {

  public VoyageEmbeddingModel(HostedEmbeddingSettings settings, HttpClient client) {
    super(settings, client);
  }

  @Override
  String path() {
    return "/v1/embeddings";
  }

  @Override
  Map<String, Object> body(List<String> texts) {
    return Map.of("input", texts, "model", name(), "input_type", "document");
  }
}

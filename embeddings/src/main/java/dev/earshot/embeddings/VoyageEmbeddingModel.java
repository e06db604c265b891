package dev.earshot.embeddings;

import java.net.http.HttpClient;

/**
 * Voyage AI's {@code POST /v1/embeddings}: {@code {input: [...], model, input_type: "document"}}
 * with a Bearer key; vectors in {@code data[].embedding}.
 */
public final class VoyageEmbeddingModel extends HostedEmbeddingModel {

  /**
   * @param settings where and how to reach the API (see {@link HostedEmbeddingSettings})
   * @param client the HTTP client every request goes through
   */
  public VoyageEmbeddingModel(HostedEmbeddingSettings settings, HttpClient client) {
    super(settings, client, "input_type", "document");
  }
}

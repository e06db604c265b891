package dev.earshot.embeddings;

import dev.earshot.provider.ProviderHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What hosted embedding APIs share: batches of texts POSTed as JSON to {@code POST /v1/embeddings}
 * ({@code {input: [...], model, <dialect field>}}) with a Bearer key through {@link ProviderHttp},
 * {@code data[i].embedding} in the answer in input order (by {@code index}), vectors checked for
 * dimension and made unit length. A provider differs only in the one body field its subclass names.
 */
abstract class HostedEmbeddingModel implements EmbeddingModel {

  private static final String PATH = "/v1/embeddings";

  private final HostedEmbeddingSettings settings;
  private final ProviderHttp http;
  private final String dialectField;
  private final String dialectValue;

  /**
   * @param dialectField the provider's own body field, e.g. {@code encoding_format}
   * @param dialectValue its value, e.g. {@code float}
   */
  HostedEmbeddingModel(
      HostedEmbeddingSettings settings,
      HttpClient client,
      String dialectField,
      String dialectValue) {
    this.settings = settings;
    this.http = new ProviderHttp(client, settings.timeout(), settings.maxRetries());
    this.dialectField = dialectField;
    this.dialectValue = dialectValue;
  }

  private Map<String, Object> body(List<String> texts) {
    return Map.of("input", texts, "model", name(), dialectField, dialectValue);
  }

  @Override
  public String name() {
    return settings.model();
  }

  @Override
  public int dimension() {
    return settings.dimension();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += settings.batchSize()) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + settings.batchSize()));
      List<String> nonBlank = batch.stream().map(t -> t.isBlank() ? " " : t).toList();
      JsonNode answer = http.post(URI.create(settings.baseUrl() + PATH), headers(), body(nonBlank));
      float[][] vectors = new float[batch.size()][];
      for (JsonNode item : answer.path("data")) {
        int index = item.path("index").asInt(-1);
        if (index < 0 || index >= batch.size()) {
          throw unusable("the embedding answer has an index out of range: " + index);
        }
        vectors[index] = vector(item.path("embedding"));
      }
      for (int i = 0; i < batch.size(); i++) {
        if (vectors[i] == null) {
          throw unusable("the embedding answer lacks text " + i + " of the batch");
        }
        out.add(batch.get(i).isBlank() ? new float[dimension()] : Vectors.unit(vectors[i]));
      }
    }
    return out;
  }

  private float[] vector(JsonNode array) {
    if (array.size() != settings.dimension()) {
      throw unusable(
          "expected "
              + settings.dimension()
              + " dimensions from "
              + settings.model()
              + ", got "
              + array.size());
    }
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) array.get(i).asDouble();
    }
    return v;
  }

  /**
   * One request's worst case ({@link ProviderHttp#longestCall()}): every text a consumer embeds at
   * a time fits one request.
   */
  @Override
  public Duration longestCall() {
    return http.longestCall();
  }

  private static ProviderHttp.ModelUnavailable unusable(String message) {
    return new ProviderHttp.ModelUnavailable(
        ProviderHttp.Outage.ANSWER_UNUSABLE, 200, message, null);
  }

  private Map<String, String> headers() {
    return ProviderHttp.keyHeaders("Authorization", settings.apiKey());
  }
}

package dev.earshot.embeddings;

import dev.earshot.provider.ProviderHttp;
import java.time.Duration;
import java.util.List;

/**
 * Turns texts into unit-length vectors, so a dot product is their cosine similarity. Thread-safe.
 * Implementations: {@link MiniLmEmbeddingModel} (offline, in this JVM), and adapters for hosted
 * embedding APIs.
 */
public interface EmbeddingModel {

  /** A stable name of the model, e.g. {@code all-minilm-l6-v2}; thresholds are kept per name. */
  String name();

  int dimension();

  /**
   * One unit vector per text, in order; a blank text gets the zero vector.
   *
   * @throws ProviderHttp.ModelUnavailable when a hosted provider cannot serve requests now
   * @throws ProviderHttp.RequestRefused when a hosted provider refused these texts (e.g. too long)
   */
  List<float[]> embed(List<String> texts);

  /**
   * The longest {@link #embed(String)} can take before it returns or throws, timeouts and retries
   * included; Kafka consumers size their polls with it ({@code max.poll.records} × this must fit
   * {@code max.poll.interval.ms}).
   */
  Duration longestCall();

  default float[] embed(String text) {
    return embed(List.of(text)).getFirst();
  }
}

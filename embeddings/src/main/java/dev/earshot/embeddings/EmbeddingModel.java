package dev.earshot.embeddings;

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

  /** One unit vector per text, in order; a blank text gets the zero vector. */
  List<float[]> embed(List<String> texts);

  default float[] embed(String text) {
    return embed(List.of(text)).getFirst();
  }
}

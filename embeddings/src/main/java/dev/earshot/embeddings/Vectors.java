package dev.earshot.embeddings;

/** Small vector arithmetic on float arrays; vectors from an {@link EmbeddingModel} are unit. */
public final class Vectors {

  private Vectors() {}

  public static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dimensions differ: " + a.length + " and " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** A copy scaled to unit length (the zero vector stays zero). */
  public static float[] unit(float[] v) {
    double norm = Math.sqrt(dot(v, v));
    float[] out = new float[v.length];
    if (norm == 0) {
      return out;
    }
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  /** The unit vector in the direction of the sum of {@code vectors}. */
  public static float[] centroid(Iterable<float[]> vectors) {
    float[] sum = null;
    for (float[] v : vectors) {
      if (sum == null) {
        sum = new float[v.length];
      }
      for (int i = 0; i < v.length; i++) {
        sum[i] += v[i];
      }
    }
    if (sum == null) {
      throw new IllegalArgumentException("no vectors");
    }
    return unit(sum);
  }
}

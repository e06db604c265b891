package dev.earshot.extraction.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A sentence as the classifiers see it: hashed word unigrams and bigrams (sparse), the cue flags,
 * and optionally its embedding. Layout: [0, HASHED) words, then cues, then the embedding.
 *
 * @param words sorted, distinct indexes of the hashed words present
 * @param cues one 0/1 per {@link Cues#allCurrentCues()}
 * @param embedding the unit sentence embedding, or null when not computed
 */
public record SentenceFeatures(int[] words, float[] cues, float[] embedding) {

  /** Hash buckets for words and word pairs. */
  public static final int HASHED = 1 << 16;

  public static SentenceFeatures lexical(String sentence) {
    return new SentenceFeatures(words(sentence), cues(sentence), null);
  }

  public SentenceFeatures withEmbedding(float[] vector) {
    return new SentenceFeatures(words, cues, vector);
  }

  static int[] words(String sentence) {
    List<String> tokens = tokens(sentence);
    TreeSet<Integer> indexes = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      indexes.add(bucket("w:" + tokens.get(i)));
      if (i > 0) {
        indexes.add(bucket("b:" + tokens.get(i - 1) + " " + tokens.get(i)));
      }
    }
    return indexes.stream().mapToInt(Integer::intValue).toArray();
  }

  static List<String> tokens(String sentence) {
    List<String> tokens = new ArrayList<>();
    for (String raw : sentence.toLowerCase(Locale.ROOT).split("[^a-z0-9']+")) {
      String token = raw.replaceAll("^'+|'+$", "");
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  static float[] cues(String sentence) {
    List<Cue> all = Cues.allCurrentCues();
    float[] flags = new float[all.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = all.get(i).matches(sentence) ? 1f : 0f;
    }
    return flags;
  }

  /** String.hashCode is specified, so buckets are the same on every JVM. */
  private static int bucket(String token) {
    return Math.floorMod(token.hashCode() * 0x9E3779B1, HASHED);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SentenceFeatures f
        && Arrays.equals(words, f.words)
        && Arrays.equals(cues, f.cues)
        && Arrays.equals(embedding, f.embedding);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words) * 31 + Arrays.hashCode(cues);
  }

  @Override
  public String toString() {
    return "SentenceFeatures[words=" + words.length + ", cues=" + Arrays.toString(cues) + "]";
  }
}

package dev.earshot.extraction.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text format of a learned logistic model's weights, shared by the sentence stage ({@link
 * ConversationModel}) and the item stage ({@code ItemModel}): {@code # comment} lines (provenance),
 * settings as {@code name<TAB>value} (thresholds, {@code bias}), then one {@code
 * feature<TAB>weight} per feature name, in any order. An unknown name or a missing feature is an
 * error: retrain, do not guess.
 *
 * @param settings the setting lines read, by name (only names the caller allows)
 * @param weights one per feature name, in the caller's order
 * @param provenance the comment lines, without {@code #}
 */
public record WeightsFile(Map<String, Double> settings, double[] weights, List<String> provenance) {

  /**
   * Reads a weights file.
   *
   * @param features the feature names, in the order of {@link #weights()}
   * @param settingNames the non-feature names allowed (e.g. {@code bias}, {@code threshold})
   * @param what what the file holds, for error messages ("item weights")
   * @throws IllegalArgumentException on an unknown name, a missing feature or a malformed line
   */
  public static WeightsFile read(
      BufferedReader reader, List<String> features, Set<String> settingNames, String what)
      throws IOException {
    double[] weights = new double[features.size()];
    boolean[] seen = new boolean[features.size()];
    Map<String, Double> settings = new LinkedHashMap<>();
    List<String> provenance = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        provenance.add(line.substring(1).strip());
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length != 2) {
        throw new IllegalArgumentException("weights line is not name<TAB>value: " + line);
      }
      String name = parts[0].strip();
      double value = Double.parseDouble(parts[1].strip());
      if (settingNames.contains(name)) {
        settings.put(name, value);
        continue;
      }
      int at = features.indexOf(name);
      if (at < 0) {
        throw new IllegalArgumentException("unknown feature in " + what + ": " + name);
      }
      weights[at] = value;
      seen[at] = true;
    }
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        throw new IllegalArgumentException(
            what
                + " lack feature "
                + features.get(i)
                + ": retrain with ./earshot bench train-detector");
      }
    }
    return new WeightsFile(settings, weights, List.copyOf(provenance));
  }

  /**
   * Opens a weights file shipped next to a class.
   *
   * @throws IllegalStateException when the resource is missing
   * @throws UncheckedIOException when it cannot be read
   */
  public static <T> T builtIn(Class<?> anchor, String resource, Reader<T> read) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return read.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** A model's {@code read(BufferedReader)}. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(BufferedReader reader) throws IOException;
  }

  /** The feature lines of a file: each name with its weight, in the given order. */
  public static String featureLines(List<String> features, double[] weights) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < features.size(); i++) {
      out.append(String.format(Locale.ROOT, "%s\t%.6f%n", features.get(i), weights[i]));
    }
    return out.toString();
  }

  /** The probability of the logistic model: {@code 1 / (1 + e^-(bias + w·x))}. */
  public static double logistic(double bias, double[] weights, double[] features) {
    double s = bias;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * features[i];
    }
    return 1 / (1 + Math.exp(-s));
  }
}

package dev.earshot.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /actuator/prometheus} (Prometheus text format), read the way a
 * dashboard reads it: by sample name and labels. Micrometer names map to sample names by replacing
 * dots with underscores and, for counters, adding {@code _total} ({@code earshot.extraction.calls}
 * is {@code earshot_extraction_calls_total}).
 */
final class Metrics {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: its name, labels and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private Metrics(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  /** Parses a scrape; comment lines and lines that are not samples are skipped. */
  static Metrics parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      double value;
      try {
        value = Double.parseDouble(m.group(3));
      } catch (NumberFormatException e) {
        continue;
      }
      samples.add(new Sample(m.group(1), labels, value));
    }
    return new Metrics(samples);
  }

  /** The Prometheus name of a Micrometer counter: {@code a.b.c} is {@code a_b_c_total}. */
  static String counter(String micrometerName) {
    return micrometerName.replace('.', '_') + "_total";
  }

  /** The Prometheus name of a Micrometer gauge: {@code a.b.c} is {@code a_b_c}. */
  static String gauge(String micrometerName) {
    return micrometerName.replace('.', '_');
  }

  /**
   * The sum of the samples named {@code name} whose labels include {@code labels} (pairs: name,
   * value); 0 when there is none (a counter not yet incremented is not exported).
   */
  double sum(String name, String... labels) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && matches(s.labels(), labels)) {
        total += s.value();
      }
    }
    return total;
  }

  /** {@link #sum} as a whole number (counters count events). */
  long count(String name, String... labels) {
    return Math.round(sum(name, labels));
  }

  /** The sum of the samples named {@code name} per value of label {@code by}. */
  Map<String, Long> countBy(String name, String by) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().containsKey(by)) {
        out.merge(s.labels().get(by), Math.round(s.value()), Long::sum);
      }
    }
    return out;
  }

  private static boolean matches(Map<String, String> have, String[] want) {
    for (int i = 0; i + 1 < want.length; i += 2) {
      if (!want[i + 1].equals(have.get(want[i]))) {
        return false;
      }
    }
    return true;
  }
}

package dev.earshot.bench.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** Precision, recall and F1 from true positives, false positives and false negatives. */
public record Scores(long tp, long fp, long fn) {

  public double precision() {
    return tp + fp == 0 ? 0 : tp / (double) (tp + fp);
  }

  public double recall() {
    return tp + fn == 0 ? 0 : tp / (double) (tp + fn);
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public Scores plus(Scores other) {
    return new Scores(tp + other.tp, fp + other.fp, fn + other.fn);
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("precision", round(precision()));
    m.put("recall", round(recall()));
    m.put("f1", round(f1()));
    m.put("tp", tp);
    m.put("fp", fp);
    m.put("fn", fn);
    return m;
  }

  @Override
  public String toString() {
    return String.format(
        "P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)", precision(), recall(), f1(), tp, fp, fn);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}

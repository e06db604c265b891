package dev.earshot.bench;

import dev.earshot.bench.eval.DedupEval;
import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.similarity.LexicalRescoring;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.gong.simulator.corpus.BoardTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The lexical re-scoring's curves, with and without it, side by side: threshold against P/R/F1 on
 * the human-labelled pairs ({@code ../shared/eval/pairs-dev.jsonl}), against duplicate-post and
 * over-merge rates on the simulator board and on the boards built from {@code calls-dev}'s labelled
 * items; then each board's duplicate-post rate at the lowest threshold whose over-merge is ≤ {@link
 * #OVER_MERGE_GOAL}, averaged over the real order and four seeded shuffles (order alone moves it by
 * ±0.03).
 */
final class RescoringBench {

  static final double OVER_MERGE_GOAL = 0.03;
  static final int ORDERS = 5;

  private RescoringBench() {}

  static Map<String, Object> run(
      Bench.Args args,
      EmbeddingModel model,
      DedupProperties properties,
      List<DedupEval.Labelled> simulatorItems)
      throws Exception {
    DedupProperties.Rescoring configured = properties.rescoring();
    double weight = args.decimal("weight", configured.weight());
    DedupEval.Scoring rescored =
        new DedupEval.Scoring(new LexicalRescoring(weight), configured.mentionsPerPost());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("weight", weight);
    Bench.say(
        "dedup re-scoring: cosine + %.2f × shared rare words (EnglishAnalyzer, TF-IDF cosine of the best sentence pair)",
        weight);
    List<Double> grid = Bench.grid(0.20, 0.80, 0.05);
    List<Double> fine = Bench.grid(0.20, 0.90, 0.01);

    Path pairs = Path.of(args.get("pairs", "../shared/eval/pairs-dev.jsonl"));
    if (Files.exists(pairs)) {
      List<DedupEval.Point> plain = DedupEval.fileCurve(model, pairs, fine);
      List<DedupEval.Point> lexical = DedupEval.fileCurve(model, pairs, fine, rescored);
      Bench.say("  %s: threshold  plain P / R / F1      | re-scored P / R / F1", pairs);
      for (int i = 0; i < fine.size(); i++) {
        if (grid.contains(fine.get(i))) {
          Bench.say(
              "    %.2f       %.3f %.3f %.3f     | %.3f %.3f %.3f",
              fine.get(i),
              plain.get(i).scores().precision(),
              plain.get(i).scores().recall(),
              plain.get(i).scores().f1(),
              lexical.get(i).scores().precision(),
              lexical.get(i).scores().recall(),
              lexical.get(i).scores().f1());
        }
      }
      DedupEval.Point bestPlain = best(plain);
      DedupEval.Point bestLexical = best(lexical);
      Bench.say(
          "    best F1: plain %.3f at %.2f, re-scored %.3f at %.2f",
          bestPlain.scores().f1(),
          bestPlain.threshold(),
          bestLexical.scores().f1(),
          bestLexical.threshold());
      figures.put(
          "pairs_dev",
          Map.of(
              "plain_best_f1", round(bestPlain.scores().f1()),
              "plain_best_threshold", bestPlain.threshold(),
              "rescored_best_f1", round(bestLexical.scores().f1()),
              "rescored_best_threshold", bestLexical.threshold(),
              "plain_curve", curve(plain, grid),
              "rescored_curve", curve(lexical, grid)));
    } else {
      Bench.say("  %s not present: pair figures skipped", pairs);
    }

    figures.put(
        "simulator_board", boards("simulator board", simulatorItems, properties, rescored, grid));

    Path labels = Path.of(args.get("calls-dev", "../shared/eval/calls-dev/labels.jsonl"));
    if (Files.exists(labels)) {
      List<DedupEval.Labelled> callItems = DedupEval.labelledCallItems(model, labels);
      figures.put(
          "calls_dev_board",
          boards(
              "calls-dev board (" + callItems.size() + " labelled items)",
              callItems,
              properties,
              rescored,
              grid));
    } else {
      Bench.say("  %s not present: calls-dev figures skipped", labels);
    }
    return figures;
  }

  private static Map<String, Object> boards(
      String name,
      List<DedupEval.Labelled> items,
      DedupProperties properties,
      DedupEval.Scoring rescored,
      List<Double> grid) {
    int k = properties.candidates();
    Bench.say("  %s: threshold  plain posts dup   over | re-scored posts dup   over", name);
    List<Map<String, Object>> curve = new ArrayList<>();
    for (double t : grid) {
      BoardTruth.Figures plain = DedupEval.board(items, t, k, DedupEval.Scoring.PLAIN);
      BoardTruth.Figures lexical = DedupEval.board(items, t, k, rescored);
      Bench.say(
          "    %.2f            %4d  %.3f %.3f |           %4d  %.3f %.3f",
          t,
          plain.posts(),
          plain.duplicatePostRate(),
          plain.overMergeRate(),
          lexical.posts(),
          lexical.duplicatePostRate(),
          lexical.overMergeRate());
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("threshold", t);
      point.put("plain_duplicate_post_rate", round(plain.duplicatePostRate()));
      point.put("plain_over_merge_rate", round(plain.overMergeRate()));
      point.put("rescored_duplicate_post_rate", round(lexical.duplicatePostRate()));
      point.put("rescored_over_merge_rate", round(lexical.overMergeRate()));
      curve.add(point);
    }
    double[] plainBest = bestUnderGoal(items, k, DedupEval.Scoring.PLAIN);
    double[] lexicalBest = bestUnderGoal(items, k, rescored);
    Bench.say(
        "    duplicate-post at the lowest threshold with over-merge ≤ %.2f, mean of %d orders: plain %.3f (sd %.3f), re-scored %.3f (sd %.3f)",
        OVER_MERGE_GOAL, ORDERS, plainBest[0], plainBest[1], lexicalBest[0], lexicalBest[1]);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("plain_best_duplicate_post_rate", round(plainBest[0]));
    out.put("rescored_best_duplicate_post_rate", round(lexicalBest[0]));
    out.put("order_spread_plain", round(plainBest[1]));
    out.put("order_spread_rescored", round(lexicalBest[1]));
    out.put("curve", curve);
    return out;
  }

  /**
   * Mean and standard deviation, over {@link #ORDERS} item orders, of the duplicate-post rate at
   * the lowest threshold (0.35, 0.36, … 0.80) whose over-merge rate is ≤ the goal: the least
   * duplication the goal allows (duplication only grows with the threshold, up to order noise).
   */
  private static double[] bestUnderGoal(
      List<DedupEval.Labelled> items, int k, DedupEval.Scoring scoring) {
    double[] best = new double[ORDERS];
    for (int o = 0; o < ORDERS; o++) {
      List<DedupEval.Labelled> order = new ArrayList<>(items);
      if (o > 0) {
        Collections.shuffle(order, new Random(o));
      }
      best[o] = 1;
      for (double t : Bench.grid(0.35, 0.80, 0.01)) {
        BoardTruth.Figures f = DedupEval.board(order, t, k, scoring);
        if (f.overMergeRate() <= OVER_MERGE_GOAL) {
          best[o] = f.duplicatePostRate();
          break;
        }
      }
    }
    double mean = 0;
    for (double b : best) {
      mean += b / ORDERS;
    }
    double var = 0;
    for (double b : best) {
      var += (b - mean) * (b - mean) / ORDERS;
    }
    return new double[] {mean, Math.sqrt(var)};
  }

  private static DedupEval.Point best(List<DedupEval.Point> curve) {
    return curve.stream().max(Comparator.comparingDouble(p -> p.scores().f1())).orElseThrow();
  }

  private static List<Map<String, Object>> curve(List<DedupEval.Point> points, List<Double> at) {
    return points.stream()
        .filter(p -> at.contains(p.threshold()))
        .map(p -> Map.<String, Object>of("threshold", p.threshold(), "pairs", p.scores().asMap()))
        .toList();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}

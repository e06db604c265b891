package dev.earshot.bench;

import dev.earshot.bench.eval.DedupEval;
import dev.earshot.bench.eval.Scores;
import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.similarity.Thresholds;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.ItemGrouping;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.BoardTruth;
import dev.earshot.kit.cli.ServiceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deduplication figures: the threshold curve (pairs of simulator items, duplicate = same planted
 * request; and the human-labelled pairs in {@code ../shared/eval/} when present), the boards built
 * at each threshold (duplicate-post and over-merge rates), the embedded index at scale, and items/s
 * through the running service.
 */
final class DedupBench {

  private DedupBench() {}

  static Map<String, Object> run(Bench.Args args) throws Exception {
    int calls = args.integer("calls", 600);
    long seed = args.integer("seed", 42);
    MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
    DedupProperties properties =
        ServiceSettings.bind(
            "dedup-service.yaml", "earshot.dedup", DedupProperties.class, Map.of());
    double threshold = new Thresholds(properties.thresholds()).of(model.name());
    Bench.say("dedup: model %s, configured threshold %.2f", model.name(), threshold);
    ExtractingFeedback extracting =
        new ExtractingFeedback(
            OfflineFeedbackModel.create(model, FeatureAreas.DEFAULTS, ItemGrouping.defaults()),
            new Organising(Organising.DEFAULT_BOARDS, Map.of()),
            FeatureAreas.DEFAULTS,
            Clock.systemUTC());
    List<DedupEval.Labelled> items = DedupEval.corpusItems(extracting, model, calls, seed);
    long labelled = items.stream().filter(i -> i.requestId() != null).count();
    Bench.say(
        "  simulator corpus: %d calls (seed %d), %d extracted items, %d of them voicing a planted request",
        calls, seed, items.size(), labelled);
    List<Double> thresholds = new ArrayList<>();
    for (int t = 20; t <= 80; t += 5) {
      thresholds.add(t / 100.0);
    }
    if (!thresholds.contains(threshold)) {
      thresholds.add(threshold);
      thresholds.sort(Comparator.naturalOrder());
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("model", model.name());
    figures.put("threshold", threshold);
    Bench.say(
        "  threshold  pairs: P     R     F1   | board: posts  duplicate-post  over-merge | by centroid instead: duplicate-post  over-merge");
    List<Map<String, Object>> curve = new ArrayList<>();
    List<DedupEval.Point> pairs = DedupEval.pairCurve(items, thresholds);
    for (DedupEval.Point p : pairs) {
      BoardTruth.Figures board = DedupEval.board(items, p.threshold(), properties.candidates());
      BoardTruth.Figures centroid =
          DedupEval.board(items, p.threshold(), properties.candidates(), true);
      Bench.say(
          "  %s %.2f      %.3f %.3f %.3f |        %4d  %.3f           %.3f      |                      %.3f           %.3f",
          p.threshold() == threshold ? ">" : " ",
          p.threshold(),
          p.scores().precision(),
          p.scores().recall(),
          p.scores().f1(),
          board.posts(),
          board.duplicatePostRate(),
          board.overMergeRate(),
          centroid.duplicatePostRate(),
          centroid.overMergeRate());
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("threshold", p.threshold());
      point.put("pairs", p.scores().asMap());
      point.put("posts", board.posts());
      point.put("duplicate_post_rate", round(board.duplicatePostRate()));
      point.put("over_merge_rate", round(board.overMergeRate()));
      point.put("centroid_duplicate_post_rate", round(centroid.duplicatePostRate()));
      point.put("centroid_over_merge_rate", round(centroid.overMergeRate()));
      curve.add(point);
      if (p.threshold() == threshold) {
        figures.put("board_at_threshold", point);
      }
    }
    figures.put("simulator_curve", curve);
    DedupEval.Point bestPair =
        pairs.stream().max(Comparator.comparingDouble(p -> p.scores().f1())).orElseThrow();
    Bench.say(
        "  best pair F1 on the simulator: %.3f at %.2f; requests planted: %d",
        bestPair.scores().f1(),
        bestPair.threshold(),
        items.stream().map(DedupEval.Labelled::requestId).distinct().count());
    Path labelledPairs = Path.of(args.get("pairs", "../shared/eval/pairs-dev.jsonl"));
    if (Files.exists(labelledPairs)) {
      List<DedupEval.Point> eval = DedupEval.fileCurve(model, labelledPairs, thresholds);
      List<Map<String, Object>> evalCurve = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (DedupEval.Point p : eval) {
        line.append(String.format(" %.2f:%.2f", p.threshold(), p.scores().f1()));
        evalCurve.add(Map.of("threshold", p.threshold(), "pairs", p.scores().asMap()));
      }
      DedupEval.Point best =
          eval.stream().max(Comparator.comparingDouble(p -> p.scores().f1())).orElseThrow();
      Scores atThreshold =
          eval.stream().filter(p -> p.threshold() == threshold).findFirst().orElseThrow().scores();
      Bench.say("  %s (human-labelled) F1 by threshold:%s", labelledPairs, line);
      Bench.say(
          "    best F1 %.3f at %.2f; at the configured %.2f: %s",
          best.scores().f1(), best.threshold(), threshold, atThreshold);
      figures.put("labelled_pairs", Map.of("file", labelledPairs.toString(), "curve", evalCurve));
    } else {
      Bench.say("  %s not present: labelled-pair figures skipped", labelledPairs);
    }
    if (!args.get("rescoring", "on").equals("none")) {
      figures.put("rescoring", RescoringBench.run(args, model, properties, items));
    }
    if (!args.get("vectors", "100000,1000000").equals("none")) {
      figures.put("index", VectorIndexBench.run(args, model));
    }
    if (args.integer("service-items", 6_000) > 0) {
      figures.put("service", DedupServiceBench.run(args, items));
    }
    return figures;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}

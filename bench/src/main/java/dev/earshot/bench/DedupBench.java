package dev.earshot.bench;

import dev.earshot.bench.eval.DedupEval;
import dev.earshot.bench.eval.Scores;
import dev.earshot.dedup.DedupModels;
import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.board.KindPenalty;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.similarity.EmbeddedText;
import dev.earshot.dedup.similarity.Thresholds;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.events.FeedbackItem;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.ItemGrouping;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.BoardTruth;
import dev.earshot.kit.cli.ServiceSettings;
import dev.earshot.text.Descriptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Deduplication figures: the threshold curve (pairs of simulator items, duplicate = same planted
 * request; and the human-labelled pairs in {@code ../shared/eval/} when present), the boards built
 * at each threshold (duplicate-post and over-merge rates), the embedded index at scale, and items/s
 * through the running service.
 */
final class DedupBench {

  private DedupBench() {}

  /**
   * What an item's vector is of: {@code service} (default) as dedup-service embeds it ({@link
   * EmbeddedText#of(FeedbackItem)}: the customer's words of the description, the title when there
   * are none); {@code earlier}: what it embedded until 2026-12-02, title, the customer's words of
   * the description and pain points; {@code title}: the title alone.
   *
   * @throws IllegalArgumentException for another name
   */
  static Function<FeedbackItem, String> embeddedText(String choice) {
    return switch (choice) {
      case "service" -> EmbeddedText::of;
      case "earlier" ->
          item ->
              EmbeddedText.of(
                  item.getTitle(),
                  Descriptions.customersWords(item.getDescription()),
                  item.getPainPoints());
      case "title" -> item -> EmbeddedText.of(item.getTitle(), null, List.of());
      default ->
          throw new IllegalArgumentException(
              "--embedded-text must be service, earlier or title: " + choice);
    };
  }

  static Map<String, Object> run(Bench.Args args) throws Exception {
    int calls = args.integer("calls", 600);
    long seed = args.integer("seed", 42);
    // the lists read by later stages, checked before the first stage's minutes of work
    if (!args.get("judge-oracle", "1").equals("none")) {
      args.shares("judge-oracle", "1");
    }
    if (!args.get("vectors", "1").equals("none")) {
      args.integers("vectors", "1");
    }
    args.integers("breadths", "1");
    args.integer("queries", 0);
    args.integer("recall-queries", 0);
    args.integer("service-items", 0);
    args.decimal("weight", 0);
    args.choice("embedded-text", "service", "service", "earlier", "title");
    args.choice("rescoring", "on", "on", "none");
    args.flag("compact", true);
    MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
    DedupProperties properties =
        ServiceSettings.bind(
            "dedup-service.yaml", "earshot.dedup", DedupProperties.class, args.sets());
    double threshold = new Thresholds(properties.thresholds()).of(model.name());
    double band = new Thresholds(properties.uncertainBands()).orElse(model.name(), 0);
    KindPenalty kinds = DedupModels.kindPenalty(properties, model);
    Bench.say(
        "dedup: model %s, configured threshold %.2f, uncertain band %.2f, kind penalty %.2f",
        model.name(), threshold, band, kinds.penalty());
    ExtractingFeedback extracting =
        ExtractingFeedback.onDefaultBoards(
            OfflineFeedbackModel.create(model, FeatureAreas.DEFAULTS, ItemGrouping.defaults()));
    String textChoice = args.choice("embedded-text", "service", "service", "earlier", "title");
    Function<FeedbackItem, String> embeddedText = embeddedText(textChoice);
    Bench.say("  embedded text: %s", textChoice);
    List<DedupEval.Labelled> items =
        DedupEval.corpusItems(extracting, model, calls, seed, embeddedText);
    long labelled = items.stream().filter(i -> i.requestId() != null).count();
    Bench.say(
        "  simulator corpus: %d calls (seed %d), %d extracted items, %d of them voicing a planted request",
        calls, seed, items.size(), labelled);
    List<Double> thresholds = Bench.grid(0.20, 0.80, 0.05, threshold);
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
    figures.put(
        "suggestions_simulator",
        suggestions("simulator board", items, threshold, band, properties, kinds));
    String oracle = args.get("judge-oracle", "1,0.9,0.8,0.7");
    figures.put(
        "judge_simulator",
        JudgeBench.run("simulator board", items, threshold, band, properties, kinds, oracle));
    Path callLabels = Path.of(args.get("call-labels", "../shared/eval/calls-dev/labels.jsonl"));
    if (Files.exists(callLabels)) {
      List<DedupEval.Labelled> callItems = DedupEval.labelledCallItems(model, callLabels);
      Bench.say(
          "  %s: %d hand-labelled items (their quotes), %d requests",
          callLabels,
          callItems.size(),
          callItems.stream().map(DedupEval.Labelled::requestId).distinct().count());
      figures.put(
          "suggestions_calls_dev",
          suggestions("calls-dev board", callItems, threshold, band, properties, kinds));
      List<DedupEval.Labelled> extracted =
          DedupEval.extractedCallItems(extracting, model, callLabels.getParent(), embeddedText);
      Bench.say(
          "  calls-dev, extracted: %d items the offline extraction reports on the calls of %s, %d"
              + " of them sharing quotes with a labelled item, %d requests",
          extracted.size(),
          callLabels.getParent(),
          extracted.stream().filter(i -> i.requestId() != null).count(),
          extracted.stream()
              .map(DedupEval.Labelled::requestId)
              .filter(java.util.Objects::nonNull)
              .distinct()
              .count());
      figures.put(
          "suggestions_calls_dev_extracted",
          suggestions("calls-dev extracted board", extracted, threshold, band, properties, kinds));
      figures.put(
          "judge_calls_dev_extracted",
          JudgeBench.run(
              "calls-dev extracted board", extracted, threshold, band, properties, kinds, oracle));
    } else {
      Bench.say("  %s not present: calls-dev board figures skipped", callLabels);
    }
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
      figures.put(
          "labelled_pairs",
          Map.of(
              "file",
              labelledPairs.toString(),
              "curve",
              evalCurve,
              "uncertain_band",
              bandPrecision(eval, threshold)));
    } else {
      Bench.say("  %s not present: labelled-pair figures skipped", labelledPairs);
    }
    if (!args.choice("rescoring", "on", "on", "none").equals("none")) {
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

  /**
   * On labelled pairs, the share of duplicates among the pairs scoring in each band below the
   * threshold ({@code [threshold - band, threshold)}): what a suggestion made in that band would be
   * worth on human-labelled text.
   */
  private static List<Map<String, Object>> bandPrecision(
      List<DedupEval.Point> eval, double threshold) {
    Scores at =
        eval.stream().filter(p -> p.threshold() == threshold).findFirst().orElseThrow().scores();
    List<Map<String, Object>> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (DedupEval.Point p : eval) {
      if (p.threshold() >= threshold || p.threshold() < threshold - 0.251) {
        continue;
      }
      long duplicates = p.scores().tp() - at.tp();
      long pairs = duplicates + p.scores().fp() - at.fp();
      double band = round(threshold - p.threshold());
      double precision = pairs == 0 ? 0 : duplicates / (double) pairs;
      line.append(String.format(" %.2f: %d/%d = %.3f", band, duplicates, pairs, precision));
      out.add(
          Map.of(
              "band",
              band,
              "pairs",
              pairs,
              "duplicates",
              duplicates,
              "precision",
              round(precision)));
    }
    Bench.say("    duplicates among the pairs in the band below %.2f, by band:%s", threshold, line);
    return out;
  }

  /**
   * Merge suggestions at the configured threshold: for a sweep of uncertain bands with the closest
   * in-band candidate only (the configured band marked), then with the configured {@link
   * Suggesting} rule (its figures are returned at the top level), then for a grid of rules: how
   * many, the share that would join twins, and the board before and after a reviewer accepts every
   * correct one.
   */
  private static Map<String, Object> suggestions(
      String what,
      List<DedupEval.Labelled> items,
      double threshold,
      double band,
      DedupProperties properties,
      KindPenalty kinds) {
    DedupEval.Scoring scoring = DedupEval.Scoring.PLAIN.withKinds(kinds);
    Bench.say(
        "  %s, merge suggestions at threshold %.2f, closest in-band candidate only: band  suggestions  precision | duplicate-post  over-merge -> after review: duplicate-post  over-merge",
        what, threshold);
    List<Double> bands = Bench.grid(0, 0.25, 0.05, band);
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> sweep = new ArrayList<>();
    for (double b : bands) {
      BoardTruth.Review review =
          DedupEval.reviewed(items, threshold, b, properties.candidates(), scoring);
      sweep.add(
          sweepPoint(
              "  %s %.2f  %5d        %.3f     | %.3f           %.3f      ->               %.3f           %.3f",
              b == band, "band", b, review));
    }
    DedupProperties.Suggestions configured = properties.suggestions();
    Suggesting configuredRule =
        new Suggesting(
            configured.lexicalWeight(),
            configured.lexicalFloor(),
            configured.most(),
            configured.recheckSameKind());
    BoardTruth.Review review =
        DedupEval.reviewed(
            items,
            threshold,
            band,
            properties.candidates(),
            scoring,
            configuredRule,
            properties.rescoring().mentionsPerPost(),
            configured.recheck());
    Bench.say(
        "  > configured rule (band %.2f, lexical weight %.1f, floor %.2f, most %d, recheck %s, same kind %s, kind penalty %.2f): %d suggestions, precision %.3f | %.3f  %.3f -> after review: %.3f  %.3f",
        band,
        configured.lexicalWeight(),
        configured.lexicalFloor(),
        configured.most(),
        configured.recheck(),
        configured.recheckSameKind(),
        kinds.penalty(),
        review.suggestions(),
        review.precision(),
        review.before().duplicatePostRate(),
        review.before().overMergeRate(),
        review.after().duplicatePostRate(),
        review.after().overMergeRate());
    out.put("band", band);
    out.put("lexical_weight", configured.lexicalWeight());
    out.put("lexical_floor", configured.lexicalFloor());
    out.put("most", configured.most());
    out.put("recheck", configured.recheck());
    out.put("recheck_same_kind", configured.recheckSameKind());
    out.put("kind_penalty", kinds.penalty());
    out.putAll(reviewFigures(review));
    out.put("closest_rule_by_band", sweep);
    out.put(
        "kind_penalties",
        kindPenalties(items, threshold, band, properties, configuredRule, kinds.penalty()));
    out.put("rules", rules(items, threshold, properties, scoring));
    return out;
  }

  /**
   * The configured rule's board with each kind penalty of a grid (dedup-service's {@code
   * earshot.dedup.kind-penalties}, {@code board.KindPenalty}): suggestions, their precision, and
   * the board before and after review — the figures the penalty is calibrated on. The configured
   * penalty is marked.
   */
  private static List<Map<String, Object>> kindPenalties(
      List<DedupEval.Labelled> items,
      double threshold,
      double band,
      DedupProperties properties,
      Suggesting rule,
      double configured) {
    Bench.say(
        "    kind penalty | suggestions  precision | duplicate-post  over-merge -> after review: duplicate-post  over-merge");
    List<Map<String, Object>> out = new ArrayList<>();
    java.util.TreeSet<Double> penalties = new java.util.TreeSet<>(List.of(0.0, 0.03, 0.05, 0.10));
    penalties.add(configured);
    for (double penalty : penalties) {
      BoardTruth.Review review =
          DedupEval.reviewed(
              items,
              threshold,
              band,
              properties.candidates(),
              DedupEval.Scoring.PLAIN.withKinds(new KindPenalty(penalty)),
              rule,
              properties.rescoring().mentionsPerPost(),
              properties.suggestions().recheck());
      out.add(
          sweepPoint(
              "    %s %.2f       | %5d        %.3f     | %.3f           %.3f      ->               %.3f           %.3f",
              penalty == configured, "kind_penalty", penalty, review));
    }
    return out;
  }

  /**
   * One point of a sweep: prints {@code format} (a marker, the swept value, suggestions, precision,
   * and the board's duplicate-post and over-merge rates before and after review) and returns the
   * point as {@code key: value} with {@link #reviewFigures}.
   */
  private static Map<String, Object> sweepPoint(
      String format, boolean configured, String key, double value, BoardTruth.Review review) {
    Bench.say(
        format,
        configured ? ">" : " ",
        value,
        review.suggestions(),
        review.precision(),
        review.before().duplicatePostRate(),
        review.before().overMergeRate(),
        review.after().duplicatePostRate(),
        review.after().overMergeRate());
    Map<String, Object> point = new LinkedHashMap<>();
    point.put(key, value);
    point.putAll(reviewFigures(review));
    return point;
  }

  /**
   * A reviewed board's figures, rates rounded to three decimals: suggestions, their precision, the
   * board's posts, duplicate-post and over-merge rates, and both rates after review.
   */
  static Map<String, Object> reviewFigures(BoardTruth.Review review) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("suggestions", review.suggestions());
    out.put("suggestion_precision", round(review.precision()));
    out.put("posts", review.before().posts());
    out.put("duplicate_post_rate", round(review.before().duplicatePostRate()));
    out.put("over_merge_rate", round(review.before().overMergeRate()));
    out.put("duplicate_post_rate_after_review", round(review.after().duplicatePostRate()));
    out.put("over_merge_rate_after_review", round(review.after().overMergeRate()));
    return out;
  }

  /**
   * Merge suggestions picked by {@link Suggesting} rules (band, lexical weight and floor, most per
   * item) at the configured threshold: the figures each rule would give, to calibrate {@code
   * earshot.dedup.suggestions}. The configured rule is marked.
   */
  private static List<Map<String, Object>> rules(
      List<DedupEval.Labelled> items,
      double threshold,
      DedupProperties properties,
      DedupEval.Scoring scoring) {
    Bench.say(
        "    suggestion rules: band  weight  floor  most | suggestions  precision  after review: duplicate-post  over-merge");
    List<Map<String, Object>> out = new ArrayList<>();
    for (double band : List.of(0.10, 0.15)) {
      for (double weight : List.of(0.0, 0.4)) {
        for (double floor : List.of(0.0, 0.05, 0.1)) {
          for (int most : List.of(1, 2)) {
            for (int variant = 0; variant < 3; variant++) {
              // no re-check; re-check; re-check of posts of the same main kind only
              boolean recheck = variant > 0;
              boolean sameKind = variant == 2;
              Suggesting rule = new Suggesting(weight, floor, most, sameKind);
              BoardTruth.Review review =
                  DedupEval.reviewed(
                      items,
                      threshold,
                      band,
                      properties.candidates(),
                      scoring,
                      rule,
                      properties.rescoring().mentionsPerPost(),
                      recheck);
              Bench.say(
                  "      %.2f  %.1f  %.2f  %d %s | %5d  %.3f  %.3f  %.3f",
                  band,
                  weight,
                  floor,
                  most,
                  sameKind
                      ? "recheck same kind"
                      : recheck ? "recheck          " : "                 ",
                  review.suggestions(),
                  review.precision(),
                  review.after().duplicatePostRate(),
                  review.after().overMergeRate());
              Map<String, Object> point = new LinkedHashMap<>();
              point.put("band", band);
              point.put("lexical_weight", weight);
              point.put("lexical_floor", floor);
              point.put("most", most);
              point.put("suggestions", review.suggestions());
              point.put("suggestion_precision", round(review.precision()));
              point.put(
                  "duplicate_post_rate_after_review", round(review.after().duplicatePostRate()));
              point.put("over_merge_rate_after_review", round(review.after().overMergeRate()));
              point.put("recheck", recheck);
              point.put("recheck_same_kind", sameKind);
              out.add(point);
            }
          }
        }
      }
    }
    return out;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}

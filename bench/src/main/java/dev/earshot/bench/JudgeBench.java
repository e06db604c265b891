package dev.earshot.bench;

import dev.earshot.bench.eval.DedupEval;
import dev.earshot.bench.eval.Judges;
import dev.earshot.dedup.DedupModels;
import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.board.KindPenalty;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.judge.MatchJudge;
import dev.earshot.provider.ProviderHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The judge of uncertain items on a replayed board ({@code ./earshot bench dedup}): what an oracle
 * judge right with probability 0.7–1.0 would make of the board (how good a language model must be
 * before the board meets its goals), and, when {@code earshot.dedup.judge.provider} is set (e.g.
 * {@code --set earshot.dedup.judge.provider=openai --set
 * earshot.dedup.judge.openai.base-url=http://localhost:11434}), what the configured model makes of
 * it, asked exactly as dedup-service asks it, with its questions, tokens and cost.
 */
final class JudgeBench {

  private JudgeBench() {}

  /**
   * Replays {@code items} at {@code threshold} and {@code band} with the configured suggestion
   * rule, once per judge; prints a line each and returns them.
   *
   * @param kinds the configured kind penalty (dedup-service's {@code earshot.dedup.kind-penalties})
   * @param accuracies the oracle's accuracies ({@code --judge-oracle 1,0.9,0.8,0.7}; {@code none}:
   *     no oracle)
   */
  static Map<String, Object> run(
      String what,
      List<DedupEval.Labelled> items,
      double threshold,
      double band,
      DedupProperties properties,
      KindPenalty kinds,
      String accuracies) {
    DedupProperties.Judge judge = properties.judge();
    DedupProperties.Suggestions configured = properties.suggestions();
    Suggesting rule =
        new Suggesting(
            configured.lexicalWeight(),
            configured.lexicalFloor(),
            configured.most(),
            configured.recheckSameKind());
    boolean suggests = judge.mode().equals("suggest");
    Bench.say(
        "  %s, a judge of uncertain items (mode %s, judge band %.2f, at most %d candidates, configured suggestion rule): judge  questions  right  wrong  missed | suggestions  precision | duplicate-post  over-merge -> after review",
        what, judge.mode(), judge.band(), judge.maxCandidates());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", judge.mode());
    out.put("judge_band", judge.band());
    out.put("max_candidates", judge.maxCandidates());
    Function<Judges.Judging, DedupEval.Judged> atConfiguredBands =
        judging ->
            replay(
                items, threshold, band, judge.band(), properties, kinds, rule, judging, suggests);
    List<Map<String, Object>> rows = new ArrayList<>();
    if (!accuracies.equals("none")) {
      for (double accuracy :
          Arrays.stream(accuracies.split(",")).mapToDouble(Double::parseDouble).toArray()) {
        DedupEval.Judged judged = atConfiguredBands.apply(Judges.oracle(accuracy, 42));
        rows.add(row("oracle " + accuracy, judged));
      }
    }
    if (!judge.provider().equals("none")) {
      MeterRegistry meters = new SimpleMeterRegistry();
      MatchJudge model = DedupModels.judge(properties, meters);
      try {
        DedupEval.Judged judged =
            atConfiguredBands.apply(Judges.asking(model, judge.quotesPerSide()));
        Map<String, Object> row = row(judge.provider(), judged);
        long input = (long) count(meters, "earshot.dedup.judge.tokens", "type", "input");
        long output = (long) count(meters, "earshot.dedup.judge.tokens", "type", "output");
        double cost = count(meters, "earshot.dedup.judge.cost.usd", null, null);
        row.put("input_tokens", input);
        row.put("output_tokens", output);
        row.put("cost_usd", Math.round(cost * 1e6) / 1e6);
        Bench.say(
            "    %s: %d input tokens, %d output tokens, USD %.6f%s",
            judge.provider(),
            input,
            output,
            cost,
            cost == 0
                ? " (no prices set: earshot.dedup.judge.<provider>.input-price-per-million…)"
                : "");
        rows.add(row);
      } catch (ProviderHttp.ModelUnavailable e) {
        // the provider cannot serve (no answer, 5xx, throttled, key refused): say so, keep the
        // other figures
        Bench.say("    %s: the provider could not serve: %s", judge.provider(), e.getMessage());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("judge", judge.provider());
        row.put("unavailable", e.getMessage());
        rows.add(row);
      }
    }
    if (!accuracies.equals("none")) {
      for (boolean mode : List.of(true, false)) {
        Bench.say(
            "  %s, the same oracles in mode %s by judge band (judge band  accuracy):",
            what, mode ? "suggest" : "join");
        List<Map<String, Object>> byBand = new ArrayList<>();
        for (double jb : List.of(0.2, 0.3, 0.4)) {
          for (double accuracy :
              Arrays.stream(accuracies.split(",")).mapToDouble(Double::parseDouble).toArray()) {
            DedupEval.Judged judged =
                replay(
                    items,
                    threshold,
                    band,
                    jb,
                    properties,
                    kinds,
                    rule,
                    Judges.oracle(accuracy, 42),
                    mode);
            Map<String, Object> row = row(String.format("%.1f  %.1f", jb, accuracy), judged);
            row.put("judge_band", jb);
            row.put("accuracy", accuracy);
            byBand.add(row);
          }
        }
        out.put(mode ? "oracle_suggest_mode" : "oracle_join_mode", byBand);
      }
    }
    out.put("judges", rows);
    if (!accuracies.equals("none")) {
      out.put("oracle_by_threshold_and_band", grid(items, properties, kinds, rule));
    }
    return out;
  }

  /**
   * Where a judge would have to look: an oracle right always, 9 and 8 times in 10, asked about
   * every item joining nothing whose best candidate lies in {@code [threshold − band, threshold)}
   * (the uncertain band and the judge's band set alike), for join thresholds 0.45–0.55 and bands
   * 0.10–0.40.
   */
  private static List<Map<String, Object>> grid(
      List<DedupEval.Labelled> items,
      DedupProperties properties,
      KindPenalty kinds,
      Suggesting rule) {
    Bench.say(
        "    an oracle in mode join over a wider band: threshold  band  accuracy  questions  right  wrong | duplicate-post  over-merge -> after review");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (double threshold : List.of(0.45, 0.50, 0.55)) {
      for (double band : List.of(0.10, 0.20, 0.30, 0.40)) {
        for (double accuracy : List.of(1.0, 0.9, 0.8)) {
          DedupEval.Judged j =
              replay(
                  items,
                  threshold,
                  band,
                  band,
                  properties,
                  kinds,
                  rule,
                  Judges.oracle(accuracy, 42),
                  false);
          Bench.say(
              "      %.2f  %.2f  %.1f  %5d  %5d  %5d | %.3f  %.3f -> %.3f",
              threshold,
              band,
              accuracy,
              j.questions(),
              j.rightPicks(),
              j.wrongPicks(),
              j.review().before().duplicatePostRate(),
              j.review().before().overMergeRate(),
              j.review().after().duplicatePostRate());
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("threshold", threshold);
          row.put("band", band);
          row.put("accuracy", accuracy);
          row.put("questions", j.questions());
          row.put("right_picks", j.rightPicks());
          row.put("wrong_picks", j.wrongPicks());
          row.put("duplicate_post_rate", DedupBench.round(j.review().before().duplicatePostRate()));
          row.put("over_merge_rate", DedupBench.round(j.review().before().overMergeRate()));
          row.put(
              "duplicate_post_rate_after_review",
              DedupBench.round(j.review().after().duplicatePostRate()));
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /**
   * One replay: suggestion band {@code band}, the judge asked within {@code judgeBand}; its picks
   * suggested ({@code suggests}, mode {@code suggest}) or joined.
   */
  private static DedupEval.Judged replay(
      List<DedupEval.Labelled> items,
      double threshold,
      double band,
      double judgeBand,
      DedupProperties properties,
      KindPenalty kinds,
      Suggesting rule,
      Judges.Judging judging,
      boolean suggests) {
    return DedupEval.judged(
        items,
        threshold,
        band,
        properties.candidates(),
        DedupEval.Scoring.PLAIN.withKinds(kinds),
        rule,
        properties.rescoring().mentionsPerPost(),
        properties.suggestions().recheck(),
        new DedupEval.JudgeSetup(judging, judgeBand, properties.judge().maxCandidates(), suggests));
  }

  private static Map<String, Object> row(String judge, DedupEval.Judged j) {
    Bench.say(
        "    %-11s %5d  %5d  %5d  %5d  | %5d        %.3f     | %.3f           %.3f      -> %.3f  %.3f",
        judge,
        j.questions(),
        j.rightPicks(),
        j.wrongPicks(),
        j.missed(),
        j.review().suggestions(),
        j.review().precision(),
        j.review().before().duplicatePostRate(),
        j.review().before().overMergeRate(),
        j.review().after().duplicatePostRate(),
        j.review().after().overMergeRate());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("judge", judge);
    row.put("questions", j.questions());
    row.put("right_picks", j.rightPicks());
    row.put("wrong_picks", j.wrongPicks());
    row.put("missed", j.missed());
    row.putAll(DedupBench.reviewFigures(j.review()));
    return row;
  }

  /** The sum of a metered judge's counters of this name (and tag, when given). */
  private static double count(MeterRegistry meters, String name, String tag, String value) {
    var search = meters.find(name);
    if (tag != null) {
      search = search.tag(tag, value);
    }
    return search.counters().stream().mapToDouble(Counter::count).sum();
  }
}

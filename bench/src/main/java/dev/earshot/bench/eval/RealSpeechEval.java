package dev.earshot.bench.eval;

import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Quote;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.pipeline.DetectingFeedback;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.testing.eval.LabelledCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Item-level and call-level scores on human-labelled data, so the three sets can be read side by
 * side: real calls ({@code ../shared/eval/calls-dev/}, see its README "Using it") and the review
 * set ({@code ../shared/eval/detect-dev.jsonl}), where each text labelled feedback is one item and
 * each text is a "call" for detection.
 */
public final class RealSpeechEval {

  private static final JsonMapper json = JsonMapper.builder().build();

  private RealSpeechEval() {}

  /**
   * Figures of one labelled set.
   *
   * @param items item matching (each label once; items of a no-feedback call are false positives)
   * @param calls call-level detection (does the call, or text, hold feedback?)
   * @param byStudy item matching per study (calls-dev only; empty otherwise)
   * @param extracted how many items the model reported
   */
  public record SetFigures(
      Scores items, Scores calls, Map<String, Scores> byStudy, long extracted) {
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("item_matching", items.asMap());
      m.put("call_detection", calls.asMap());
      m.put("items_extracted", extracted);
      if (!byStudy.isEmpty()) {
        Map<String, Object> studies = new LinkedHashMap<>();
        byStudy.forEach((k, v) -> studies.put(k, v.asMap()));
        m.put("item_matching_by_study", studies);
      }
      return m;
    }
  }

  /** Runs every labelled call through extraction and scores items and calls. */
  public static SetFigures onLabelledCalls(ExtractingFeedback extracting, LabelledCalls calls) {
    LabelledCalls.Counts items = new LabelledCalls.Counts(0, 0, 0);
    LabelledCalls.Counts detection = new LabelledCalls.Counts(0, 0, 0);
    Map<String, Scores> byStudy = new LinkedHashMap<>();
    long extracted = 0;
    for (LabelledCalls.Labelled call : calls.calls()) {
      List<List<String>> found = quotes(extracting.extract(call.call()).items());
      LabelledCalls.Counts c = LabelledCalls.items(call, found);
      items = items.plus(c);
      detection = detection.plus(LabelledCalls.call(call, found));
      byStudy.merge(call.study(), scores(c), Scores::plus);
      extracted += found.size();
    }
    return new SetFigures(scores(items), scores(detection), byStudy, extracted);
  }

  /**
   * The review set as items: a text labelled feedback holds one item, matched by the first item the
   * model finds in it; every other item is a false positive.
   */
  public static SetFigures onReviews(DetectingFeedback detecting, Path file) throws IOException {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long callTp = 0;
    long callFp = 0;
    long callFn = 0;
    long extracted = 0;
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = json.readTree(line);
      boolean gold = row.path("feedback").asBoolean();
      List<FoundItem> found = detecting.items(row.path("text").asString());
      extracted += found.size();
      boolean predicted = !found.isEmpty();
      callTp += gold && predicted ? 1 : 0;
      callFp += !gold && predicted ? 1 : 0;
      callFn += gold && !predicted ? 1 : 0;
      tp += gold && predicted ? 1 : 0;
      fp += found.size() - (gold && predicted ? 1 : 0);
      fn += gold && !predicted ? 1 : 0;
    }
    return new SetFigures(
        new Scores(tp, fp, fn), new Scores(callTp, callFp, callFn), Map.of(), extracted);
  }

  /**
   * The simulator's figures in the same shape (its item matching and call detection); every
   * reported item is a true or a false positive of item matching, so their sum is the count.
   */
  public static SetFigures ofCorpus(ExtractionEval.CorpusFigures corpus) {
    return new SetFigures(
        corpus.items(), corpus.calls(), Map.of(), corpus.items().tp() + corpus.items().fp());
  }

  static Scores scores(LabelledCalls.Counts c) {
    return new Scores(c.tp(), c.fp(), c.fn());
  }

  /** Items of a {@code FeedbackItem} list as their quoted sentences. */
  public static List<List<String>> quotes(List<FeedbackItem> items) {
    return items.stream().map(i -> i.getQuotes().stream().map(Quote::getText).toList()).toList();
  }
}

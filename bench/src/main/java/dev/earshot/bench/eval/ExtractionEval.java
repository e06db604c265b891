package dev.earshot.bench.eval;

import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Quote;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import dev.earshot.extraction.pipeline.DetectingFeedback;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.Party;
import dev.earshot.gong.simulator.corpus.PlantedItem;
import dev.earshot.testing.eval.CorpusCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores extraction against ground truth. On the simulator corpus: sentence-level detection (is
 * each customer sentence feedback? a sentence is predicted feedback when it is quoted by an item),
 * call-level detection (does the call hold feedback?), and item-level matching (an item matches a
 * planted request when it quotes one of its utterances; each request is matched once, a second item
 * on it counts as a false positive). On labelled texts ({@code ../shared/eval/detect-dev.jsonl}
 * where present): text-level detection through the same model.
 */
public final class ExtractionEval {

  private static final JsonMapper json = JsonMapper.builder().build();

  private ExtractionEval() {}

  /** Figures on the simulator corpus. */
  public record CorpusFigures(Scores sentences, Scores calls, Scores items, int callsScored) {}

  public static CorpusFigures onCorpus(ExtractingFeedback extracting, int calls, long seed) {
    return onCorpus(
        extracting, Corpus.generate(seed, calls, Instant.parse("2026-11-01T00:00:00Z")));
  }

  /** Figures on a given corpus (the follow-up benchmark's, with planted action items). */
  public static CorpusFigures onCorpus(ExtractingFeedback extracting, Corpus corpus) {
    Scores sentences = new Scores(0, 0, 0);
    Scores callLevel = new Scores(0, 0, 0);
    Scores items = new Scores(0, 0, 0);
    List<CorpusCall> fetchable = CorpusCalls.fetchable(corpus.calls());
    for (CorpusCall c : fetchable) {
      Call call = CorpusCalls.toCall(c, "eval-org");
      List<FeedbackItem> found = extracting.extract(call).items();
      sentences = sentences.plus(sentenceScores(c, call, found));
      boolean goldHas = !c.planted().isEmpty();
      boolean predHas = !found.isEmpty();
      callLevel =
          callLevel.plus(
              new Scores(
                  goldHas && predHas ? 1 : 0,
                  !goldHas && predHas ? 1 : 0,
                  goldHas && !predHas ? 1 : 0));
      items = items.plus(itemScores(c, found));
    }
    return new CorpusFigures(sentences, callLevel, items, fetchable.size());
  }

  static Scores sentenceScores(CorpusCall c, Call call, List<FeedbackItem> found) {
    Set<String> customers =
        c.externals().stream().map(Party::speakerId).collect(Collectors.toSet());
    Set<String> gold = new HashSet<>();
    c.planted().forEach(p -> gold.addAll(p.utterances()));
    Set<String> predicted = new HashSet<>();
    found.forEach(i -> i.getQuotes().forEach(q -> predicted.add(q.getText())));
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (TranscriptTurn turn : call.getTranscript()) {
      if (!customers.contains(turn.getSpeakerId())) {
        continue;
      }
      for (Sentence s : turn.getSentences()) {
        boolean g = gold.contains(s.getText());
        boolean p = predicted.contains(s.getText());
        tp += g && p ? 1 : 0;
        fp += !g && p ? 1 : 0;
        fn += g && !p ? 1 : 0;
      }
    }
    return new Scores(tp, fp, fn);
  }

  static Scores itemScores(CorpusCall c, List<FeedbackItem> found) {
    List<Optional<PlantedItem>> matches = matches(c, found);
    long tp = matches.stream().filter(Optional::isPresent).count();
    return new Scores(tp, matches.size() - tp, c.planted().size() - tp);
  }

  /**
   * The planted item each extracted item of {@code c} matches, in the order of {@code found}, or
   * empty: the first planted item not yet matched one of whose utterances the item quotes.
   */
  public static List<Optional<PlantedItem>> matches(CorpusCall c, List<FeedbackItem> found) {
    Set<Integer> matchedGold = new HashSet<>();
    List<Optional<PlantedItem>> out = new ArrayList<>();
    for (FeedbackItem item : found) {
      Set<String> quoted =
          item.getQuotes().stream().map(Quote::getText).collect(Collectors.toSet());
      int match = -1;
      for (int g = 0; g < c.planted().size(); g++) {
        PlantedItem planted = c.planted().get(g);
        if (!matchedGold.contains(g) && planted.utterances().stream().anyMatch(quoted::contains)) {
          match = g;
          break;
        }
      }
      if (match >= 0) {
        matchedGold.add(match);
        out.add(Optional.of(c.planted().get(match)));
      } else {
        out.add(Optional.empty());
      }
    }
    return out;
  }

  /** Text-level detection on a JSONL file of {@code {"id","text","feedback"}}. */
  public static Scores onLabelledTexts(DetectingFeedback detecting, Path file) throws IOException {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = json.readTree(line);
      boolean gold = row.path("feedback").asBoolean();
      boolean predicted = detecting.detect(row.path("text").asString()).feedback();
      tp += gold && predicted ? 1 : 0;
      fp += !gold && predicted ? 1 : 0;
      fn += gold && !predicted ? 1 : 0;
    }
    return new Scores(tp, fp, fn);
  }

  public static Map<String, Object> asMap(CorpusFigures f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("calls", f.callsScored());
    m.put("sentence_detection", f.sentences().asMap());
    m.put("call_detection", f.calls().asMap());
    m.put("item_matching", f.items().asMap());
    return m;
  }
}

package dev.earshot.bench;

import dev.earshot.bench.eval.ExtractionEval;
import dev.earshot.bench.eval.Scores;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.ItemGrouping;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.extraction.pipeline.DetectingFeedback;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality of the offline feedback model: on the simulator corpus (detection by sentence and by
 * call, item matching) and on human-labelled texts in {@code ../shared/eval/} when present.
 */
final class ExtractionBench {

  private ExtractionBench() {}

  static Map<String, Object> run(Bench.Args args) throws Exception {
    int calls = args.integer("calls", 600);
    long seed = args.integer("seed", 42);
    Path labelled = Path.of(args.get("labelled", "../shared/eval/detect-dev.jsonl"));
    long began = System.nanoTime();
    MiniLmEmbeddingModel embeddings = new MiniLmEmbeddingModel();
    ItemGrouping grouping =
        new ItemGrouping(
            Double.parseDouble(
                args.get(
                    "same-turn", Double.toString(ItemGrouping.defaults().sameTurnSimilarity()))),
            Double.parseDouble(
                args.get(
                    "same-request",
                    Double.toString(ItemGrouping.defaults().sameRequestSimilarity()))));
    FeedbackModel model = OfflineFeedbackModel.create(embeddings, FeatureAreas.DEFAULTS, grouping);
    Organising organising = new Organising(Organising.DEFAULT_BOARDS, Map.of());
    Bench.say(
        "extraction: offline model %s, trained in %.1f s",
        model.info(), (System.nanoTime() - began) / 1e9);
    ExtractingFeedback extracting =
        new ExtractingFeedback(model, organising, FeatureAreas.DEFAULTS, Clock.systemUTC());
    ExtractionEval.CorpusFigures corpus = ExtractionEval.onCorpus(extracting, calls, seed);
    Bench.say(
        "  simulator corpus (%d fetchable calls of %d, seed %d):",
        corpus.callsScored(), calls, seed);
    Bench.say("    sentence detection  %s", corpus.sentences());
    Bench.say("    call detection      %s", corpus.calls());
    Bench.say("    item matching       %s   (goal F1 >= 0.90)", corpus.items());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("model", model.info().toString());
    figures.put("simulator", ExtractionEval.asMap(corpus));
    if (Files.exists(labelled)) {
      Scores texts =
          ExtractionEval.onLabelledTexts(
              new DetectingFeedback(model, organising, FeatureAreas.DEFAULTS), labelled);
      Bench.say("  %s (human-labelled): detection %s   (goal F1 >= 0.80)", labelled, texts);
      figures.put(
          "labelled_texts", Map.of("file", labelled.toString(), "detection", texts.asMap()));
    } else {
      Bench.say("  %s not present: labelled-text figures skipped", labelled);
    }
    return figures;
  }
}

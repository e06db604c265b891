package dev.earshot.bench;

import dev.earshot.bench.eval.ExtractionEval;
import dev.earshot.bench.eval.RealSpeechEval;
import dev.earshot.bench.eval.TitleEval;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.events.FeedbackItem;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.extraction.pipeline.DetectingFeedback;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.FeedbackCatalogue;
import dev.earshot.gong.simulator.corpus.PlantedItem;
import dev.earshot.testing.eval.CorpusCalls;
import dev.earshot.testing.eval.LabelledCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Part of {@code bench extraction}: how many item titles break {@link dev.earshot.text.TitleRules}
 * on each set — the real calls of {@code ../shared/eval/calls-dev/} (each call extracted as {@code
 * ./earshot extract --in FILE} does), the simulator corpus, and the reviews of {@code
 * ../shared/eval/detect-dev.jsonl} (each review's items, as detection finds them). Goal: 0 on every
 * set. A set whose files are absent is skipped. On the two sets that say what each item is about —
 * a calls-dev label's summary, a simulator request's canonical title — also how many titles of the
 * items that match one name it ({@link TitleEval#addReference}).
 */
final class ExtractionTitles {

  private static final JsonMapper json = JsonMapper.builder().build();

  private ExtractionTitles() {}

  /**
   * {@code ./earshot bench titles}: only these figures, with the offline model (a quick check while
   * working on titles; {@code bench extraction} prints them too).
   */
  static Map<String, Object> standalone(Bench.Args args) throws IOException {
    MiniLmEmbeddingModel embeddings = new MiniLmEmbeddingModel();
    OfflineFeedbackModel model = OfflineFeedbackModel.create(embeddings, FeatureAreas.DEFAULTS);
    Organising organising = new Organising(Organising.DEFAULT_BOARDS, Map.of());
    ExtractingFeedback extracting = ExtractingFeedback.onDefaultBoards(model);
    Bench.say("titles: model %s", model.info());
    return Map.of(
        "title_rules",
        run(extracting, new DetectingFeedback(model, organising, FeatureAreas.DEFAULTS), args));
  }

  static Map<String, Object> run(
      ExtractingFeedback extracting, DetectingFeedback detecting, Bench.Args args)
      throws IOException {
    Map<String, Object> figures = new LinkedHashMap<>();
    Bench.say("  title rules (dev.earshot.text.TitleRules):");
    Path callsDev = Path.of(args.get("calls-dev", "../shared/eval/calls-dev"));
    if (LabelledCalls.present(callsDev)) {
      TitleEval eval = onCallsDev(extracting, callsDev);
      report(eval);
      figures.put("calls_dev", eval.asMap());
    } else {
      Bench.say("    %s not present: calls-dev titles skipped", callsDev);
    }
    int calls = args.integer("calls", 600);
    long seed = args.integer("seed", 42);
    TitleEval simulator = new TitleEval("simulator corpus, " + calls + " calls, seed " + seed);
    List<CorpusCall> fetchable =
        CorpusCalls.fetchable(
            Corpus.generate(seed, calls, Instant.parse("2026-11-01T00:00:00Z")).calls());
    for (CorpusCall c : fetchable) {
      List<FeedbackItem> items = extracting.extract(CorpusCalls.toCall(c, "eval-org")).items();
      List<Optional<PlantedItem>> planted = ExtractionEval.matches(c, items);
      for (int i = 0; i < items.size(); i++) {
        String title = items.get(i).getTitle();
        simulator.add(title);
        planted
            .get(i)
            .ifPresent(
                p -> simulator.addReference(title, FeedbackCatalogue.byId(p.requestId()).title()));
      }
    }
    report(simulator);
    figures.put("simulator", simulator.asMap());
    Path reviews = Path.of(args.get("labelled", "../shared/eval/detect-dev.jsonl"));
    if (Files.exists(reviews)) {
      TitleEval eval = new TitleEval("reviews, " + reviews);
      for (String line : Files.readAllLines(reviews)) {
        if (!line.isBlank()) {
          for (FoundItem item : detecting.items(json.readTree(line).path("text").asString())) {
            eval.add(item.title());
          }
        }
      }
      report(eval);
      figures.put("reviews", eval.asMap());
    } else {
      Bench.say("    %s not present: review titles skipped", reviews);
    }
    return figures;
  }

  /**
   * The titles of the items extracted from the labelled calls in {@code dir} (each call extracted
   * as {@code ./earshot extract --in FILE} does), each matched item's title judged against its
   * label's summary.
   *
   * @throws IOException when the calls or labels cannot be read
   */
  static TitleEval onCallsDev(ExtractingFeedback extracting, Path dir) throws IOException {
    TitleEval eval = new TitleEval("calls-dev, " + dir);
    for (LabelledCalls.Labelled call : LabelledCalls.read(dir).calls()) {
      List<FeedbackItem> items = extracting.extract(call.call()).items();
      List<Optional<LabelledCalls.Label>> labels =
          LabelledCalls.matches(call.items(), RealSpeechEval.quotes(items));
      for (int i = 0; i < items.size(); i++) {
        String title = items.get(i).getTitle();
        eval.add(title);
        labels.get(i).ifPresent(label -> eval.addReference(title, label.summary()));
      }
    }
    return eval;
  }

  private static void report(TitleEval eval) {
    eval.lines().forEach(line -> Bench.say("%s", line));
  }
}

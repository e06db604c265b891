package dev.earshot.bench;

import dev.earshot.bench.eval.ExtractionEval;
import dev.earshot.bench.eval.RealSpeechEval;
import dev.earshot.bench.eval.Scores;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.events.Call;
import dev.earshot.extraction.FeedbackModels;
import dev.earshot.extraction.call.NormalisingCall;
import dev.earshot.extraction.cli.ExtractionCommands;
import dev.earshot.extraction.detect.Exemplar;
import dev.earshot.extraction.detect.LexicalGate;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.ItemGrouping;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.model.Taxonomy;
import dev.earshot.extraction.model.llm.CallDigest;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.extraction.pipeline.DetectingFeedback;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.testing.eval.CorpusCalls;
import dev.earshot.testing.eval.LabelledCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Quality of the offline feedback model: on the simulator corpus (detection by sentence and by
 * call, item matching) and on human-labelled texts in {@code ../shared/eval/} when present.
 */
final class ExtractionBench {

  private ExtractionBench() {}

  /** {@code --set key=value} flags (repeatable) and the chosen model, as property overrides. */
  static Map<String, Object> settings(Bench.Args args, String provider) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("earshot.extraction.model", provider);
    settings.putAll(args.sets());
    return settings;
  }

  static Map<String, Object> run(Bench.Args args) throws Exception {
    int calls = args.integer("calls", 600);
    long seed = args.integer("seed", 42);
    Path labelled = Path.of(args.get("labelled", "../shared/eval/detect-dev.jsonl"));
    // the values later stages read, checked before the first stage's minutes of work
    args.flag("only-quality", false);
    args.integer("threads", 1);
    args.integer("throughput-calls", 1);
    long began = System.nanoTime();
    MiniLmEmbeddingModel embeddings = new MiniLmEmbeddingModel();
    ItemGrouping grouping =
        new ItemGrouping(
            args.decimal("same-turn", ItemGrouping.defaults().sameTurnSimilarity()),
            args.decimal("same-request", ItemGrouping.defaults().sameRequestSimilarity()));
    String provider = args.get("model", "offline");
    FeedbackModel model =
        provider.equals("offline")
            ? OfflineFeedbackModel.create(embeddings, FeatureAreas.DEFAULTS, grouping)
            : FeedbackModels.create(
                ExtractionCommands.properties(settings(args, provider)), () -> embeddings);
    Organising organising = new Organising(Organising.DEFAULT_BOARDS, Map.of());
    Bench.say(
        "extraction: model %s, ready in %.1f s", model.info(), (System.nanoTime() - began) / 1e9);
    ExtractingFeedback extracting = ExtractingFeedback.onDefaultBoards(model);
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
    figures.put(
        "side_by_side",
        sideBySide(
            extracting,
            new DetectingFeedback(model, organising, FeatureAreas.DEFAULTS),
            corpus,
            labelled,
            Path.of(args.get("calls-dev", LabelledCalls.FROM_ROOT.toString()))));
    figures.put(
        "title_rules",
        ExtractionTitles.run(
            extracting, new DetectingFeedback(model, organising, FeatureAreas.DEFAULTS), args));
    if (args.flag("only-quality", false)) {
      return figures;
    }
    figures.put("throughput", throughput(extracting, args));
    figures.put("llm_digest", digestShare(calls, seed));
    return figures;
  }

  /**
   * Item-level precision, recall and F1 and call-level detection for the three sets side by side:
   * the real calls ({@code calls-dev}), the simulator corpus and the review set; a set whose files
   * are absent is skipped (and reported as skipped).
   */
  static Map<String, Object> sideBySide(
      ExtractingFeedback extracting,
      DetectingFeedback detecting,
      ExtractionEval.CorpusFigures corpus,
      Path reviews,
      Path callsDev)
      throws Exception {
    Map<String, Object> sets = new LinkedHashMap<>();
    Bench.say("  side by side (items: P/R/F1 and counts; calls: detection F1):");
    if (LabelledCalls.present(callsDev)) {
      LabelledCalls calls = LabelledCalls.read(callsDev);
      RealSpeechEval.SetFigures f = RealSpeechEval.onLabelledCalls(extracting, calls);
      sayRow("calls-dev (" + calls.calls().size() + " real calls)", f);
      f.byStudy().forEach((study, s) -> Bench.say("      study %-4s items %s", study, s));
      sets.put("calls_dev", f.asMap());
    } else {
      Bench.say("    calls-dev: %s not present, skipped", callsDev);
      sets.put("calls_dev", "skipped");
    }
    RealSpeechEval.SetFigures simulator = RealSpeechEval.ofCorpus(corpus);
    sayRow("simulator (" + corpus.callsScored() + " calls)", simulator);
    sets.put("simulator", simulator.asMap());
    if (Files.exists(reviews)) {
      RealSpeechEval.SetFigures f = RealSpeechEval.onReviews(detecting, reviews);
      sayRow("review set (" + reviews.getFileName() + ")", f);
      sets.put("review_set", f.asMap());
    } else {
      Bench.say("    review set: %s not present, skipped", reviews);
      sets.put("review_set", "skipped");
    }
    return sets;
  }

  private static void sayRow(String name, RealSpeechEval.SetFigures f) {
    Bench.say("    %-32s items %s | calls F1 %.3f", name, f.items(), f.calls().f1());
  }

  /**
   * Calls per second through the whole extraction use case (normalise, detect, extract, organise,
   * shape records) for 30-minute calls (25 to 35 minutes), one worker per core as partitions would
   * run, after a warm-up.
   */
  static Map<String, Object> throughput(ExtractingFeedback extracting, Bench.Args args)
      throws Exception {
    int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
    List<Call> calls =
        Corpus.generate(99, 3_000, java.time.Instant.parse("2026-11-01T00:00:00Z")).calls().stream()
            .filter(
                c -> !c.isPrivate() && c.durationSeconds() >= 1_500 && c.durationSeconds() <= 2_100)
            .limit(args.integer("throughput-calls", 400))
            .map(c -> CorpusCalls.toCall(c, "bench-org"))
            .toList();
    double sentences =
        calls.stream()
            .mapToInt(c -> c.getTranscript().stream().mapToInt(t -> t.getSentences().size()).sum())
            .average()
            .orElse(0);
    calls.stream().limit(40).forEach(extracting::extract);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    AtomicLong items = new AtomicLong();
    long began = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < calls.size()) {
                  items.addAndGet(extracting.extract(calls.get(i)).items().size());
                }
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - began) / 1e9;
    double perSecond = calls.size() / seconds;
    Bench.say(
        "  throughput: %d calls of 25-35 min (%.0f sentences each) on %d threads: %.1f calls/s (goal >= 10), %d items",
        calls.size(), sentences, threads, perSecond, items.get());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("calls", calls.size());
    m.put("sentences_per_call", Math.round(sentences));
    m.put("threads", threads);
    m.put("calls_per_s", Math.round(perSecond * 10) / 10.0);
    return m;
  }

  /** Share of each call's transcript tokens that the LLM adapters would send (goal <= 30 %). */
  static Map<String, Object> digestShare(int calls, long seed) {
    LexicalGate gate = LexicalGate.train(Exemplar.builtIn());
    Taxonomy taxonomy =
        new Organising(Organising.DEFAULT_BOARDS, Map.of())
            .taxonomy("bench", FeatureAreas.DEFAULTS);
    List<Double> shares = new ArrayList<>();
    int plantedSent = 0;
    int planted = 0;
    for (var c :
        Corpus.generate(seed, calls, java.time.Instant.parse("2026-11-01T00:00:00Z")).calls()) {
      if (c.isPrivate()) {
        continue;
      }
      var call = NormalisingCall.normalise(CorpusCalls.toCall(c, "bench"));
      CallDigest digest = CallDigest.of(call, taxonomy, gate, CallDigest.Settings.defaults());
      shares.add(digest.sentTokens() / (double) digest.transcriptTokens());
      var sent =
          digest.sentences().values().stream()
              .map(u -> u.text())
              .collect(java.util.stream.Collectors.toSet());
      for (var p : c.planted()) {
        planted++;
        plantedSent += p.utterances().stream().anyMatch(sent::contains) ? 1 : 0;
      }
    }
    double mean = shares.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double max = shares.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Bench.say(
        "  LLM digest: %.1f %% of a transcript's tokens on average (max %.1f %%, goal <= 30 %%); %d of %d planted requests are in it",
        mean * 100, max * 100, plantedSent, planted);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean_share", Math.round(mean * 1000) / 1000.0);
    m.put("max_share", Math.round(max * 1000) / 1000.0);
    m.put("planted_requests_sent", plantedSent);
    m.put("planted_requests", planted);
    return m;
  }
}

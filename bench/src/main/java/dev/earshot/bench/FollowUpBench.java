package dev.earshot.bench;

import dev.earshot.bench.eval.ExtractionEval;
import dev.earshot.bench.eval.FollowUpEval;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.events.FollowUp;
import dev.earshot.extraction.FollowUpModels;
import dev.earshot.extraction.cli.ExtractionCommands;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.followup.DraftingFollowUps;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.testing.eval.LabelledCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./earshot bench followups}: follow-up action items on the simulator corpus with planted
 * action items ({@link Corpus#withPlantedActions}): precision and recall against its ground truth,
 * owner side and due accuracy, and, as a check that planting left feedback extraction as it was,
 * the feedback item F1 on that same corpus. On the real conversations in {@code
 * ../shared/eval/calls-dev/} (read in place, skipped when absent): action items per call, and 20
 * drafts written to {@code --drafts} for a hand check of the cited items' precision.
 */
final class FollowUpBench {

  private FollowUpBench() {}

  static Map<String, Object> run(Bench.Args args) throws Exception {
    int calls = args.integer("calls", 600);
    long seed = args.integer("seed", 42);
    Path callsDev = Path.of(args.get("calls-dev", LabelledCalls.FROM_ROOT.toString()));
    Path draftsOut = Path.of(args.get("drafts", "bench/target/followup-drafts-calls-dev.txt"));
    String provider = args.get("model", "offline");
    args.flag("feedback", true); // read after the drafts: checked before them
    Map<String, Object> settings = ExtractionBench.settings(args, provider);
    settings.put("earshot.extraction.followups.model", provider);
    DraftingFollowUps drafting =
        new DraftingFollowUps(FollowUpModels.create(ExtractionCommands.properties(settings)));
    Bench.say("followups: drafter %s", drafting.model().info());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("drafter", drafting.model().info().toString());

    Corpus corpus = Corpus.withPlantedActions(seed, calls, Instant.parse("2026-11-01T00:00:00Z"));
    long began = System.nanoTime();
    FollowUpEval.Figures sim = FollowUpEval.onCorpus(drafting, corpus);
    double seconds = (System.nanoTime() - began) / 1e9;
    Bench.say(
        "  simulator corpus with planted action items (%d calls drafted, %d skipped, seed %d, %.1f s):",
        sim.drafted(), sim.skipped(), seed, seconds);
    Bench.say("    action items        %s", sim.items());
    Bench.say(
        "    recall: planted %.3f, ordinary talk %.3f; owner side right %.3f, due right %.3f",
        sim.planted().recall(),
        sim.talk().recall(),
        sim.items().tp() == 0 ? 0 : sim.sideRight() / (double) sim.items().tp(),
        sim.items().tp() == 0 ? 0 : sim.dueRight() / (double) sim.items().tp());
    figures.put("simulator", sim.asMap());

    if (args.flag("feedback", true)) {
      ExtractingFeedback extracting =
          ExtractingFeedback.onDefaultBoards(
              OfflineFeedbackModel.create(new MiniLmEmbeddingModel(), FeatureAreas.DEFAULTS));
      ExtractionEval.CorpusFigures feedback = ExtractionEval.onCorpus(extracting, corpus);
      Bench.say("    feedback items on the same corpus %s   (goal F1 >= 0.90)", feedback.items());
      figures.put("feedback_items_same_corpus", feedback.items().asMap());
    }

    if (!LabelledCalls.present(callsDev)) {
      Bench.say("  %s not present: real-call figures skipped", callsDev);
      return figures;
    }
    LabelledCalls real = LabelledCalls.read(callsDev);
    List<Integer> perCall = new ArrayList<>();
    StringBuilder drafts = new StringBuilder();
    int written = 0;
    int skipped = 0;
    for (LabelledCalls.Labelled l : real.calls()) {
      if (!(drafting.draft(l.call()) instanceof DraftingFollowUps.Result.Drafted d)) {
        skipped++;
        continue;
      }
      FollowUp f = d.followUp();
      perCall.add(f.getActionItems().size());
      if (written < 20) {
        drafts.append(FollowUpEval.readable(l.file(), l.call(), f));
        written++;
      }
    }
    int total = perCall.stream().mapToInt(Integer::intValue).sum();
    Bench.say(
        "  %s (real calls): %d drafted, %d skipped; action items per call %s (total %d, mean %.2f)",
        callsDev,
        perCall.size(),
        skipped,
        perCall,
        total,
        perCall.isEmpty() ? 0 : total / (double) perCall.size());
    Files.createDirectories(draftsOut.toAbsolutePath().getParent());
    Files.writeString(draftsOut, drafts.toString());
    Bench.say("  %d drafts for the hand check written to %s", written, draftsOut);
    figures.put(
        "calls_dev",
        Map.of(
            "drafted", perCall.size(),
            "skipped", skipped,
            "items_per_call", perCall,
            "items", total,
            "drafts_file", draftsOut.toString()));
    return figures;
  }
}

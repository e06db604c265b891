package dev.earshot.bench;

import dev.earshot.bench.eval.RealSpeechEval;
import dev.earshot.bench.eval.Scores;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.extraction.call.CallFacts;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.NormalisingCall;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.ConversationModel;
import dev.earshot.extraction.detect.Exemplar;
import dev.earshot.extraction.detect.Genre;
import dev.earshot.extraction.detect.SentenceClassifier;
import dev.earshot.extraction.detect.TurnContext;
import dev.earshot.extraction.extract.DescribingItems;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.ItemFeatures;
import dev.earshot.extraction.extract.ItemGrouping;
import dev.earshot.extraction.extract.ItemModel;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.testing.eval.CorpusCalls;
import dev.earshot.testing.eval.LabelledCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * {@code ./earshot bench train-detector}: learns the offline detector's conversation weights
 * ({@link ConversationModel}) from the hand-labelled real calls in {@code
 * ../shared/eval/calls-dev/} together with simulator calls of another seed than the bench's and the
 * guard's ({@code --joint-calls}, {@code --joint-seed}), and writes them, with their provenance, to
 * {@code --out} (default: the extraction-service resource). The conversation thresholds are chosen
 * on calls-dev under the simulator guard, the written-text thresholds on the review set. Sentences
 * are the gated customer sentences; a sentence is positive when a label quotes it. The threshold is
 * the one that gives the best item-level F1 on the training calls. Before writing, it reports
 * leave-one-study-out figures (train on three studies, threshold chosen on them, score the fourth)
 * next to the in-sample ones, since a held-out set of other studies judges the result.
 */
final class DetectorTraining {

  static final Path WEIGHTS =
      Path.of(
          "extraction-service/src/main/resources/dev/earshot/extraction/detect/conversation-weights.tsv");

  static final Path ITEM_WEIGHTS =
      Path.of(
          "extraction-service/src/main/resources/dev/earshot/extraction/extract/item-weights.tsv");

  /** L2 strength and gradient steps: few features, so a mild penalty and a full convergence. */
  static final double L2 = 0.01;

  static final int ITERATIONS = 1500;

  /** Item thresholds tried (sum of an item's sentence probabilities). */
  static final double[] ITEM_THRESHOLDS = {0, 0.6, 0.8, 1.0, 1.2, 1.4, 1.7, 2.0, 2.5};

  /**
   * Added to the guards' goals: the simulator guard scores another seed than the bench's, and a
   * threshold chosen right at 0.90 there fell to 0.895 on seed 42; with the item stage's first
   * three call-relative features a choice at 0.910 on seed 7 gave 0.902 on seed 42, so 0.02
   * (2026-12-02; leave-one-study-out items at 0.01 / 0.02: P 0.435 / 0.440, F1 0.488 / 0.488).
   */
  static final double GUARD_MARGIN = 0.02;

  /** Thresholds tried for a sentence that is an item on its own. */
  static final double[] STRONG_THRESHOLDS = {0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1.01};

  /**
   * Simulator calls trained on next to calls-dev (0: calls-dev alone), and their seed: neither the
   * bench's 42 nor the guard's 7, so both stay tests.
   */
  static final int JOINT_CALLS = 200;

  static final int JOINT_SEED = 11;

  /**
   * Whether the exemplar model's weight is learned too. Trained jointly on calls-dev and the
   * simulator, learning it lifted calls-dev leave-one-study-out item F1 from 0.379 to 0.400 (P
   * 0.336 to 0.364) with the simulator guard kept (2026-12-01).
   */
  static final boolean LEARN_EXEMPLAR = true;

  private DetectorTraining() {}

  /** One customer sentence above the gate, with its features and label. */
  record Example(int call, String study, double[] x, int label) {}

  static Map<String, Object> run(Bench.Args args) throws Exception {
    Path dir = Path.of(args.get("calls-dev", LabelledCalls.FROM_ROOT.toString()));
    Path out = Path.of(args.get("out", WEIGHTS.toString()));
    // the values later stages read, checked before the first stage's minutes of work
    args.flag("by-call", false);
    args.integer("item-stage", 1);
    args.decimal("real-weight", 0);
    args.decimal("item-l2", 0);
    args.integer("guard-calls", 1);
    args.integer("guard-seed", 1);
    args.integer("joint-calls", 1);
    args.integer("joint-seed", 1);
    if (!LabelledCalls.present(dir)) {
      Bench.say("train-detector: %s not present, nothing to learn from", dir);
      return Map.of("status", "skipped", "calls_dev", dir.toString());
    }
    LabelledCalls calls = LabelledCalls.read(dir);
    EmbeddingModel embeddings = new Cached(new MiniLmEmbeddingModel());
    SentenceClassifier base =
        SentenceClassifier.train(
            Exemplar.builtIn(), embeddings, SentenceClassifier.Settings.defaults());
    List<Example> examples = examples(calls, base);
    long positives = calls.calls().stream().mapToLong(c -> quoted(c).size()).sum();
    long gatedPositives = examples.stream().filter(e -> e.label() == 1).count();
    Bench.say(
        "train-detector: %d calls, %d gated customer sentences (%d of %d quoted sentences pass the gate)",
        calls.calls().size(), examples.size(), gatedPositives, positives);
    List<Guard> guards = new ArrayList<>();
    guards.add(
        Guard.simulator(base, args.integer("guard-calls", 200), args.integer("guard-seed", 7)));
    Path reviews = Path.of(args.get("labelled", "../shared/eval/detect-dev.jsonl"));
    if (Files.exists(reviews)) {
      guards.add(Guard.reviews(base, reviews));
    }
    Trainer trainer = new Trainer(base, embeddings, guards);
    int jointCalls = args.integer("joint-calls", JOINT_CALLS);
    int jointSeed = args.integer("joint-seed", JOINT_SEED);
    List<Example> joint = new ArrayList<>();
    List<Prepared> simulated = Guard.simulatorCalls(base, jointCalls, jointSeed);
    for (int c = 0; c < simulated.size(); c++) {
      joint.addAll(simulated.get(c).examples(-1 - c, "simulator"));
    }
    Bench.say(
        "train-detector: joint training adds %d simulator calls (seed %d): %d gated sentences, %d positive",
        simulated.size(),
        jointSeed,
        joint.size(),
        joint.stream().filter(e -> e.label() == 1).count());
    Map<String, Object> figures = new LinkedHashMap<>();
    boolean itemStage = args.integer("item-stage", 1) == 1;
    double realWeight = args.decimal("real-weight", ItemStageTraining.REAL_WEIGHT);
    double itemL2 = args.decimal("item-l2", ItemStageTraining.L2);
    Guard simulatorGuard = guards.getFirst();
    // The item stage learned on top of a sentence model, from these labelled calls plus the
    // simulator's, its thresholds chosen under the simulator guard; null when nothing qualifies.
    BiFunction<ConversationModel, LabelledCalls, ItemStageTraining.Fitted> fitItemStage =
        (sentences, labelled) ->
            ItemStageTraining.fit(
                sentences,
                labelled.calls().stream().map(trainer::prepare).toList(),
                simulated,
                simulatorGuard.calls(),
                simulatorGuard.goal(),
                realWeight,
                itemL2);

    // Both stages learned from these sentences and calls, as every fold and the shipped weights
    // are.
    StageFitting fitStages =
        (training, trainCalls, provenance, scope) -> {
          ConversationModel model = trainer.fit(training, trainCalls, provenance);
          ItemStageTraining.Fitted fitted =
              itemStage ? fitItemStage.apply(model, trainCalls) : null;
          if (fitted == null) {
            return new Stages(model, null);
          }
          if (scope != null) {
            sayItemStage(scope, fitted);
          }
          return new Stages(
              model.withThresholds(
                  fitted.sentence(), model.itemThreshold(), model.strongThreshold()),
              fitted);
        };
    // One fold: both stages learned without the calls the predicate picks (and their sentences),
    // then scored on them.
    BiFunction<Predicate<LabelledCalls.Labelled>, String, HeldOut> holdOut =
        (test, scope) -> {
          Set<Integer> testIndices = new HashSet<>();
          for (int c = 0; c < calls.calls().size(); c++) {
            if (test.test(calls.calls().get(c))) {
              testIndices.add(c);
            }
          }
          List<Example> training = new ArrayList<>(joint);
          examples.stream().filter(e -> !testIndices.contains(e.call())).forEach(training::add);
          LabelledCalls trainCalls = subset(calls, test.negate());
          LabelledCalls testCalls = subset(calls, test);
          Stages stages = fitStages.fit(training, trainCalls, List.of(), scope);
          return new HeldOut(
              stages,
              trainer.evaluate(stages.model(), stages.itemModel(), stages.grouping(), testCalls));
        };
    LabelledCalls.Counts held = new LabelledCalls.Counts(0, 0, 0);
    LabelledCalls.Counts heldCalls = new LabelledCalls.Counts(0, 0, 0);
    Map<String, Object> folds = new LinkedHashMap<>();
    for (String study : calls.studies()) {
      HeldOut fold = holdOut.apply(c -> c.study().equals(study), " without " + study);
      RealSpeechEval.SetFigures test = fold.figures();
      held = held.plus(counts(test.items()));
      heldCalls = heldCalls.plus(counts(test.calls()));
      Bench.say(
          "  held-out %-4s (%s, from the other studies): items %s",
          study, operatingPoint(fold.stages().model(), fold.stages().itemModel()), test.items());
      // "threshold" is the sentence threshold; with the item stage, "item_stage_threshold" decides
      // calls' items and "item_threshold" (the weight rule) is used for calls only without it.
      Map<String, Object> foldFigures = new LinkedHashMap<>();
      foldFigures.put("threshold", fold.stages().model().threshold());
      foldFigures.put("item_threshold", fold.stages().model().itemThreshold());
      if (fold.stages().itemModel() != null) {
        foldFigures.put("item_stage_threshold", fold.stages().itemModel().threshold());
      }
      foldFigures.put("items", test.items().asMap());
      folds.put(study, foldFigures);
    }
    Scores heldItems = new Scores(held.tp(), held.fp(), held.fn());
    Scores heldDetection = new Scores(heldCalls.tp(), heldCalls.fp(), heldCalls.fn());
    Bench.say("  leave-one-study-out: items %s, calls F1 %.3f", heldItems, heldDetection.f1());
    Map<String, Object> byCall = null;
    if (args.flag("by-call", false)) {
      byCall = leaveOneCallOut(calls, holdOut);
    }

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    List<String> provenance =
        List.of(
            "Earshot offline detector, conversation stage: weights only, no sentence of any data set.",
            "Learned by: ./earshot bench train-detector (bench/DetectorTraining), " + today + ".",
            "Data: ../shared/eval/calls-dev/ (30 hand-labelled VA.gov research sessions, 4 studies;"
                + " positives = customer sentences quoted by a label), "
                + examples.size()
                + " gated sentences, "
                + gatedPositives
                + " positive; jointly with "
                + joint.size()
                + " gated sentences of "
                + jointCalls
                + " simulator calls (seed "
                + jointSeed
                + ", positives = planted feedback sentences).",
            "Base scores: the built-in exemplars (exemplars.tsv) and all-MiniLM-L6-v2.",
            "Thresholds: calls = best calls-dev item F1 among those keeping simulator (seed 7) item"
                + String.format(
                    java.util.Locale.ROOT,
                    " F1 >= %.2f (goal + %.2f);",
                    0.90 + GUARD_MARGIN,
                    GUARD_MARGIN)
                + " text = best ../shared/eval/detect-dev.jsonl detection F1."
                + (itemStage
                    ? " With the item stage (extract/item-weights.tsv) the calls sentence threshold is"
                        + " chosen with it, and item-threshold/strong-threshold decide calls only"
                        + " without it."
                    : ""),
            String.format(
                java.util.Locale.ROOT,
                "Leave-one-study-out items%s: P %.3f R %.3f F1 %.3f; L2 %s, %d steps, exemplar weight learned.",
                itemStage ? " (with the item stage)" : "",
                heldItems.precision(),
                heldItems.recall(),
                heldItems.f1(),
                L2,
                ITERATIONS));
    List<Example> all = new ArrayList<>(joint);
    all.addAll(examples);
    Stages stages = fitStages.fit(all, calls, provenance, ", all studies");
    ConversationModel model = stages.model();
    ItemGrouping grouping = stages.grouping();
    ItemModel itemModel = null;
    ItemStageTraining.Fitted fitted = stages.fitted();
    if (fitted != null) {
      itemModel =
          fitted
              .model()
              .withProvenance(
                  List.of(
                      "Earshot offline detector, item stage: weights only, no sentence of any data set.",
                      "Learned by: ./earshot bench train-detector (bench/DetectorTraining,"
                          + " ItemStageTraining), "
                          + today
                          + ".",
                      "Data: candidate items (feedback sentences at conversation threshold "
                          + fitted.sentence()
                          + ", grouped by ItemGrouping) of ../shared/eval/calls-dev/ (30 calls;"
                          + " positive = quotes a label) and of "
                          + jointCalls
                          + " simulator calls (seed "
                          + jointSeed
                          + "; positive = holds a planted sentence); calls-dev weighs "
                          + realWeight
                          + " x the simulator in total; L2 "
                          + itemL2
                          + ", "
                          + ItemStageTraining.ITERATIONS
                          + " steps.",
                      "Threshold: best calls-dev item F1 keeping simulator (seed 7) item F1 >= "
                          + simulatorGuard.goal()
                          + " (training F1 "
                          + String.format(java.util.Locale.ROOT, "%.3f", fitted.trainingF1())
                          + ", guard F1 "
                          + String.format(java.util.Locale.ROOT, "%.3f", fitted.guardF1())
                          + ").",
                      String.format(
                          java.util.Locale.ROOT,
                          "Leave-one-study-out items (both stages): P %.3f R %.3f F1 %.3f.",
                          heldItems.precision(),
                          heldItems.recall(),
                          heldItems.f1())));
    }
    RealSpeechEval.SetFigures in = trainer.evaluate(model, itemModel, grouping, calls);
    Bench.say(
        "  in-sample (all studies, %s): items %s, calls F1 %.3f",
        operatingPoint(model, itemModel), in.items(), in.calls().f1());
    Bench.say("  weights: %s", model.byName());
    if (itemModel != null) {
      Bench.say("  item weights: %s", itemModel.byName());
    }
    if (args.get("show-errors", null) != null) {
      trainer.showErrors(model, itemModel, grouping, calls);
    }
    if (args.get("curve", null) != null) {
      trainer.curve(model, calls);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, model.write());
    Bench.say("  wrote %s", out);
    if (itemModel != null) {
      Path itemOut = Path.of(args.get("item-out", ITEM_WEIGHTS.toString()));
      Files.createDirectories(itemOut.toAbsolutePath().getParent());
      Files.writeString(itemOut, itemModel.write());
      Bench.say("  wrote %s", itemOut);
    }
    figures.put("leave_one_study_out", Map.of("items", heldItems.asMap(), "folds", folds));
    if (byCall != null) {
      figures.put("leave_one_call_out", byCall);
    }
    figures.put("in_sample", Map.of("threshold", model.threshold(), "items", in.items().asMap()));
    figures.put("weights", out.toString());
    return figures;
  }

  static List<Example> examples(LabelledCalls calls, SentenceClassifier base) {
    List<Example> examples = new ArrayList<>();
    for (int c = 0; c < calls.calls().size(); c++) {
      LabelledCalls.Labelled call = calls.calls().get(c);
      NormalisedCall normalised = NormalisingCall.normalise(call.call());
      List<Utterance> customer = normalised.customerUtterances();
      Set<String> quoted = quoted(call);
      List<TurnContext> contexts = TurnContext.ofCustomers(normalised.utterances());
      List<SentenceClassifier.Candidate> candidates =
          base.candidates(customer.stream().map(Utterance::text).toList(), contexts);
      for (int i = 0; i < customer.size(); i++) {
        double[] x = candidates.get(i).conversation();
        if (x != null) {
          examples.add(
              new Example(c, call.study(), x, quoted.contains(customer.get(i).text()) ? 1 : 0));
        }
      }
    }
    return examples;
  }

  static Set<String> quoted(LabelledCalls.Labelled call) {
    Set<String> quoted = new HashSet<>();
    call.items().forEach(i -> quoted.addAll(i.quotes()));
    return quoted;
  }

  /**
   * Both stages as learned together: the conversation model (with the item stage's sentence
   * threshold when one was fitted) and the fitted item stage, null without one (off, or no point
   * keeping the simulator guard).
   */
  record Stages(ConversationModel model, ItemStageTraining.Fitted fitted) {
    ItemModel itemModel() {
      return fitted == null ? null : fitted.model();
    }

    ItemGrouping grouping() {
      return fitted == null ? ItemGrouping.defaults() : fitted.grouping();
    }
  }

  /** Learns {@link Stages}; {@code scope} names them in the item stage's line, null: quiet. */
  @FunctionalInterface
  interface StageFitting {
    Stages fit(List<Example> training, LabelledCalls calls, List<String> provenance, String scope);
  }

  /** A fold's two stages and their figures on the calls held out. */
  record HeldOut(Stages stages, RealSpeechEval.SetFigures figures) {}

  /**
   * {@code --by-call true}: every call held out in turn, both stages learned from the other 29 (of
   * every study, its own included) and the simulator's calls — the estimate for a new session of a
   * study the model has seen, where leave-one-study-out is the one for a new product. Counts are
   * summed over the folds; per study too. Does not change the weights written.
   */
  private static Map<String, Object> leaveOneCallOut(
      LabelledCalls calls, BiFunction<Predicate<LabelledCalls.Labelled>, String, HeldOut> holdOut) {
    LabelledCalls.Counts all = new LabelledCalls.Counts(0, 0, 0);
    Map<String, LabelledCalls.Counts> perStudy = new LinkedHashMap<>();
    int done = 0;
    for (LabelledCalls.Labelled call : calls.calls()) {
      LabelledCalls.Counts items = counts(holdOut.apply(c -> c == call, null).figures().items());
      all = all.plus(items);
      perStudy.merge(call.study(), items, LabelledCalls.Counts::plus);
      done++;
      if (done % 5 == 0 || done == calls.calls().size()) {
        Bench.say("  leave-one-call-out: %d of %d calls held out", done, calls.calls().size());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Scores total = new Scores(all.tp(), all.fp(), all.fn());
    Bench.say("  leave-one-call-out: items %s", total);
    out.put("items", total.asMap());
    Map<String, Object> studies = new LinkedHashMap<>();
    perStudy.forEach(
        (study, c) -> {
          Scores scores = new Scores(c.tp(), c.fp(), c.fn());
          Bench.say("    %-4s items %s", study, scores);
          studies.put(study, scores.asMap());
        });
    out.put("studies", studies);
    return out;
  }

  static LabelledCalls subset(LabelledCalls calls, Predicate<LabelledCalls.Labelled> keep) {
    return new LabelledCalls(calls.calls().stream().filter(keep).toList());
  }

  static LabelledCalls.Counts counts(Scores s) {
    return new LabelledCalls.Counts(s.tp(), s.fp(), s.fn());
  }

  /** A call's customer sentences as the stages see them, computed once, with its labels. */
  record Prepared(
      List<Utterance> utterances,
      List<Utterance> customer,
      List<SentenceClassifier.Candidate> candidates,
      List<LabelledCalls.Label> labels,
      Genre genre,
      ItemFeatures.CallView view) {

    static Prepared of(
        NormalisedCall n, List<LabelledCalls.Label> labels, SentenceClassifier base) {
      List<Utterance> customer = n.customerUtterances();
      return new Prepared(
          n.utterances(),
          customer,
          base.candidates(
              customer.stream().map(Utterance::text).toList(),
              TurnContext.ofCustomers(n.utterances())),
          labels,
          Genre.of(n.utterances()),
          ItemFeatures.of(n.utterances()));
    }

    /**
     * The customer sentences the conversation stage scores at or above {@code sentence} (0..1),
     * with their scores, in call order: what {@link ItemGrouping} groups into candidate items.
     */
    List<ItemGrouping.FeedbackSentence> feedback(ConversationModel model, double sentence) {
      List<ItemGrouping.FeedbackSentence> feedback = new ArrayList<>();
      for (int i = 0; i < customer.size(); i++) {
        SentenceClassifier.Candidate c = candidates.get(i);
        if (c.conversation() != null) {
          double score = model.score(c.conversation());
          if (score >= sentence) {
            feedback.add(
                new ItemGrouping.FeedbackSentence(
                    customer.get(i),
                    new SentenceClassifier.Verdict(score, c.kind(), c.embedding())));
          }
        }
      }
      return feedback;
    }

    /**
     * The candidate items the model reports for this call, as {@code OfflineFeedbackModel} decides
     * them: sentences at the genre's operating point, grouped by {@code grouping}; a conversation's
     * groups decided by {@code item} when given (each read against the call's other candidates),
     * otherwise, and for written texts, by the operating point's weight rule.
     */
    List<ItemGrouping.Group> reported(
        ConversationModel model, ItemModel item, ItemGrouping grouping) {
      ConversationModel.OperatingPoint point = model.at(genre);
      List<ItemGrouping.Group> groups =
          grouping.group(feedback(model, point.sentence()), utterances);
      if (item == null || genre != Genre.CONVERSATION) {
        return groups.stream().filter(g -> point.isItem(g.weight(), g.strongest())).toList();
      }
      List<double[]> features = view.features(groups);
      List<ItemGrouping.Group> reported = new ArrayList<>();
      for (int k = 0; k < groups.size(); k++) {
        if (item.isItem(features.get(k))) {
          reported.add(groups.get(k));
        }
      }
      return reported;
    }

    /** The positive and negative gated sentences of this call, as training examples. */
    List<Example> examples(int call, String study) {
      Set<String> quoted = new HashSet<>();
      labels.forEach(l -> quoted.addAll(l.quotes()));
      List<Example> out = new ArrayList<>();
      for (int i = 0; i < customer.size(); i++) {
        double[] x = candidates.get(i).conversation();
        if (x != null) {
          out.add(new Example(call, study, x, quoted.contains(customer.get(i).text()) ? 1 : 0));
        }
      }
      return out;
    }
  }

  /**
   * Fits weights, then picks the sentence and item thresholds with the best item-level F1 on the
   * training calls among those that keep the guards' goals (grouping as the model does; describing
   * items is skipped, it does not change their quotes).
   *
   * @param guards other sets whose goals a threshold must keep: the simulator (item F1 >= 0.90) and
   *     the review set (detection F1 >= 0.80); empty when absent
   */
  record Trainer(
      SentenceClassifier base,
      EmbeddingModel embeddings,
      Map<String, Prepared> prepared,
      List<Guard> guards) {

    Trainer(SentenceClassifier base, EmbeddingModel embeddings, List<Guard> guards) {
      this(base, embeddings, new ConcurrentHashMap<>(), guards);
    }

    Prepared prepare(LabelledCalls.Labelled call) {
      return prepared.computeIfAbsent(
          call.file(),
          f -> Prepared.of(NormalisingCall.normalise(call.call()), call.items(), base));
    }

    ConversationModel fit(List<Example> examples, LabelledCalls calls, List<String> provenance) {
      ConversationModel model =
          ConversationModel.train(
              examples.stream().map(Example::x).toList(),
              examples.stream().mapToInt(Example::label).toArray(),
              L2,
              ITERATIONS,
              0.5,
              LEARN_EXEMPLAR,
              provenance);
      List<Prepared> training = calls.calls().stream().map(this::prepare).toList();
      List<Guard> callGuards =
          guards.stream().filter(g -> g.genre() == Genre.CONVERSATION).toList();
      ConversationModel best = null;
      double bestF1 = -1;
      for (ConversationModel.OperatingPoint point : grid()) {
        ConversationModel candidate =
            model.withThresholds(point.sentence(), point.item(), point.strong());
        double f1 = quick(candidate, training).items().f1();
        if (f1 > bestF1 + 1e-9 && callGuards.stream().allMatch(g -> g.holds(this, candidate))) {
          bestF1 = f1;
          best = candidate;
        }
      }
      ConversationModel chosen = best != null ? best : model;
      // Written texts: the operating point with the best detection F1 on the review set (the only
      // labelled written set); without it, the conversation point.
      ConversationModel.OperatingPoint text = chosen.calls();
      double bestText = -1;
      for (Guard g : guards) {
        if (g.genre() != Genre.WRITTEN) {
          continue;
        }
        for (ConversationModel.OperatingPoint point : grid()) {
          double f1 = g.figure(this, chosen.withTextThresholds(point));
          if (f1 > bestText + 1e-9) {
            bestText = f1;
            text = point;
          }
        }
      }
      return chosen.withTextThresholds(text);
    }

    /**
     * {@code --curve}: the conversation operating points that no other beats on both calls-dev item
     * F1 and the first conversation guard's figure, for choosing by eye.
     */
    void curve(ConversationModel model, LabelledCalls calls) {
      List<Prepared> training = calls.calls().stream().map(this::prepare).toList();
      Guard guard =
          guards.stream().filter(g -> g.genre() == Genre.CONVERSATION).findFirst().orElseThrow();
      List<double[]> rows = new ArrayList<>();
      for (ConversationModel.OperatingPoint p : grid()) {
        ConversationModel m = model.withThresholds(p.sentence(), p.item(), p.strong());
        Scores items = quick(m, training).items();
        rows.add(
            new double[] {
              p.sentence(),
              p.item(),
              p.strong(),
              items.precision(),
              items.f1(),
              guard.figure(this, m)
            });
      }
      for (double[] r : rows) {
        boolean dominated =
            rows.stream()
                .anyMatch(o -> o[4] >= r[4] && o[5] >= r[5] && (o[4] > r[4] || o[5] > r[5]));
        if (!dominated) {
          Bench.say(
              "  curve %.2f/%.1f/%.2f: calls-dev P %.3f F1 %.3f, %s %.3f",
              r[0], r[1], r[2], r[3], r[4], guard.name(), r[5]);
        }
      }
    }

    /**
     * {@code --show-errors}: prints each reported item, TP or FP, with the ids of the labels whose
     * quotes it holds (an item holding several labels hides all but one of them) and its sentences
     * and scores, to read what the errors have in common. Prints calls-dev sentences: for the
     * console only, never for a file that is committed.
     */
    void showErrors(
        ConversationModel model, ItemModel item, ItemGrouping grouping, LabelledCalls calls) {
      for (LabelledCalls.Labelled call : calls.calls()) {
        Prepared p = prepare(call);
        Set<String> quoted = quoted(call);
        for (ItemGrouping.Group g : p.reported(model, item, grouping)) {
          boolean hit = g.sentences().stream().anyMatch(m -> quoted.contains(m.utterance().text()));
          List<String> ids = new ArrayList<>();
          for (LabelledCalls.Label l : call.items()) {
            if (g.sentences().stream()
                .anyMatch(m -> l.quotes().contains(m.utterance().text().strip()))) ids.add(l.id());
          }
          Bench.say("%s %s w %.2f labels %s", hit ? "TP" : "FP", call.file(), g.weight(), ids);
          for (ItemGrouping.FeedbackSentence m : g.sentences()) {
            Bench.say(
                "    %s %.2f %s",
                quoted.contains(m.utterance().text()) ? "+" : "-",
                m.verdict().score(),
                m.utterance().text());
          }
        }
      }
    }

    static List<ConversationModel.OperatingPoint> grid() {
      List<ConversationModel.OperatingPoint> points = new ArrayList<>();
      for (double t = 0.30; t <= 0.951; t += 0.05) {
        for (double item : ITEM_THRESHOLDS) {
          for (double strong : STRONG_THRESHOLDS) {
            points.add(
                new ConversationModel.OperatingPoint(Math.round(t * 100) / 100.0, item, strong));
          }
        }
      }
      return points;
    }

    /** Item scores without describing items. */
    RealSpeechEval.SetFigures quick(ConversationModel model, List<Prepared> calls) {
      return quick(model, null, calls);
    }

    /** Item scores without describing items; conversations decided by {@code item} when given. */
    RealSpeechEval.SetFigures quick(ConversationModel model, ItemModel item, List<Prepared> calls) {
      LabelledCalls.Counts items = new LabelledCalls.Counts(0, 0, 0);
      LabelledCalls.Counts detection = new LabelledCalls.Counts(0, 0, 0);
      for (Prepared p : calls) {
        List<List<String>> found =
            p.reported(model, item, ItemGrouping.defaults()).stream()
                .map(g -> g.sentences().stream().map(m -> m.utterance().text()).toList())
                .toList();
        items = items.plus(LabelledCalls.items(p.labels(), found));
        detection = detection.plus(LabelledCalls.call(p.labels(), found));
      }
      return new RealSpeechEval.SetFigures(
          new Scores(items.tp(), items.fp(), items.fn()),
          new Scores(detection.tp(), detection.fp(), detection.fn()),
          Map.of(),
          -1);
    }

    RealSpeechEval.SetFigures evaluate(
        ConversationModel model, ItemModel item, ItemGrouping grouping, LabelledCalls calls) {
      OfflineFeedbackModel offline =
          new OfflineFeedbackModel(
              base,
              model,
              item,
              grouping,
              new DescribingItems(new FeatureAreas(FeatureAreas.DEFAULTS, embeddings)),
              embeddings.name());
      ExtractingFeedback extracting = ExtractingFeedback.onDefaultBoards(offline);
      return RealSpeechEval.onLabelledCalls(extracting, calls);
    }
  }

  /**
   * A set whose goal the chosen thresholds must keep.
   *
   * @param items true: item F1 must reach {@code goal}; false: call (text) detection F1
   */
  record Guard(String name, List<Prepared> calls, boolean items, double goal, Genre genre) {
    boolean holds(Trainer trainer, ConversationModel model) {
      return figure(trainer, model) >= goal;
    }

    /** Item F1 or detection F1, as {@code items} says. */
    double figure(Trainer trainer, ConversationModel model) {
      RealSpeechEval.SetFigures f = trainer.quick(model, calls);
      return (items ? f.items() : f.calls()).f1();
    }

    /** Simulator calls of a seed other than the bench's, planted requests as labels. */
    static Guard simulator(SentenceClassifier base, int calls, long seed) {
      return new Guard(
          "simulator seed " + seed,
          simulatorCalls(base, calls, seed),
          true,
          0.90 + GUARD_MARGIN,
          Genre.CONVERSATION);
    }

    /** Simulator calls of a seed, prepared, with their planted requests as labels. */
    static List<Prepared> simulatorCalls(SentenceClassifier base, int calls, long seed) {
      List<Prepared> prepared = new ArrayList<>();
      for (var c :
          CorpusCalls.fetchable(
              Corpus.generate(seed, calls, java.time.Instant.parse("2026-11-01T00:00:00Z"))
                  .calls())) {
        List<LabelledCalls.Label> labels =
            c.planted().stream()
                .map(
                    p ->
                        new LabelledCalls.Label(
                            p.requestId(), p.kind(), Set.copyOf(p.utterances())))
                .toList();
        prepared.add(
            Prepared.of(NormalisingCall.normalise(CorpusCalls.toCall(c, "train")), labels, base));
      }
      return prepared;
    }

    /** The review set: each text one customer answer; a feedback text is one label. */
    static Guard reviews(SentenceClassifier base, Path file) throws java.io.IOException {
      List<Prepared> prepared = new ArrayList<>();
      Speaker customer = new Speaker("customer", null, null, null, null, Role.CUSTOMER, null);
      tools.jackson.databind.json.JsonMapper json =
          tools.jackson.databind.json.JsonMapper.builder().build();
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        var row = json.readTree(line);
        List<Utterance> utterances = new ArrayList<>();
        for (String s : row.path("text").asString().strip().split("(?<=[.!?])\\s+")) {
          if (!s.isBlank()) {
            utterances.add(new Utterance(utterances.size(), 0, customer, s.strip(), 0, 0));
          }
        }
        Set<String> all = new HashSet<>();
        utterances.forEach(u -> all.add(u.text()));
        List<LabelledCalls.Label> labels =
            row.path("feedback").asBoolean()
                ? List.of(new LabelledCalls.Label(row.path("id").asString(), "any", all))
                : List.of();
        prepared.add(
            Prepared.of(
                new NormalisedCall(
                    new CallFacts("t", "t", "t", "", null, null, null, null, null, null, null),
                    Map.of(customer.speakerId(), customer),
                    utterances),
                labels,
                base));
      }
      return new Guard("review set", prepared, false, 0.80 + GUARD_MARGIN, Genre.WRITTEN);
    }
  }

  /** Embeddings computed once per text: training scores the same sentences many times. */
  record Cached(EmbeddingModel model, Map<String, float[]> cache) implements EmbeddingModel {
    Cached(EmbeddingModel model) {
      this(model, new ConcurrentHashMap<>());
    }

    @Override
    public String name() {
      return model.name();
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
      if (!missing.isEmpty()) {
        List<float[]> vectors = model.embed(missing);
        for (int i = 0; i < missing.size(); i++) {
          cache.put(missing.get(i), vectors.get(i));
        }
      }
      return texts.stream().map(cache::get).toList();
    }

    @Override
    public Duration longestCall() {
      return model.longestCall();
    }
  }

  /** One line of what an item stage learned: " item stage{scope}: sentence …, guard F1 …". */
  /**
   * The thresholds that decide a call's items: the sentence threshold and the item stage's, or,
   * without the item stage, the sentence, item-weight and strong-sentence thresholds.
   */
  private static String operatingPoint(ConversationModel model, ItemModel itemModel) {
    return itemModel != null
        ? String.format(
            java.util.Locale.ROOT,
            "sentence %.2f, item stage %.3f",
            model.threshold(),
            itemModel.threshold())
        : String.format(
            java.util.Locale.ROOT,
            "sentence %.2f, item weight %.1f, strong %.2f",
            model.threshold(),
            model.itemThreshold(),
            model.strongThreshold());
  }

  private static void sayItemStage(String scope, ItemStageTraining.Fitted fitted) {
    Bench.say(
        "  item stage%s: sentence %.2f, same request %.2f, item %.3f, training F1 %.3f, guard F1 %.3f",
        scope,
        fitted.sentence(),
        fitted.grouping().sameRequestSimilarity(),
        fitted.model().threshold(),
        fitted.trainingF1(),
        fitted.guardF1());
  }
}

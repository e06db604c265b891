package dev.earshot.bench.eval;

import dev.earshot.dedup.board.KindPenalty;
import dev.earshot.dedup.board.MatchDecision;
import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.similarity.ContentWords;
import dev.earshot.dedup.similarity.EmbeddedText;
import dev.earshot.dedup.similarity.LexicalRescoring;
import dev.earshot.dedup.similarity.TermRarity;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.Vectors;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Quote;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.BoardTruth;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.testing.eval.CorpusCalls;
import dev.earshot.testing.eval.LabelledCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deduplication against ground truth. Items come from running extraction over the simulator corpus;
 * each is labelled with the planted request it quotes. Pairs of items are duplicates when they
 * share a request; boards are built the way dedup-service builds them ({@link Matching} over the
 * nearest centroids), here with exact search, and scored with {@link BoardTruth}.
 */
public final class DedupEval {

  private static final JsonMapper json = JsonMapper.builder().build();

  private DedupEval() {}

  /**
   * An item, its embedding, the request it voices (null: none planted), the text its content words
   * are read from (title and description, as dedup-service reads a mention's) and its kind ({@code
   * FEATURE_REQUEST}, {@code BUG}...: the extracted item's, or the hand label's); {@code item} is
   * null for items built from hand labels.
   */
  public record Labelled(
      FeedbackItem item, float[] vector, String requestId, String text, String kind) {
    public Labelled(FeedbackItem item, float[] vector, String requestId) {
      this(
          item,
          vector,
          requestId,
          EmbeddedText.of(item.getTitle(), item.getDescription(), List.of()),
          item.getKind().name());
    }
  }

  /**
   * How candidates are scored: the plain embedding score, or re-scored with shared rare words; and,
   * either way, lowered for a post whose main kind differs from the item's (as dedup-service's
   * {@code WeighingCandidates} does, {@link KindPenalty}).
   *
   * @param lexical the re-scoring, null for none
   * @param mentionsPerPost latest mentions of a post whose words are compared (as the service)
   * @param kinds the kind penalty ({@link KindPenalty#NONE}: kinds are not weighed)
   */
  public record Scoring(LexicalRescoring lexical, int mentionsPerPost, KindPenalty kinds) {
    public static final Scoring PLAIN = new Scoring(null, 0);

    /** Kinds not weighed. */
    public Scoring(LexicalRescoring lexical, int mentionsPerPost) {
      this(lexical, mentionsPerPost, KindPenalty.NONE);
    }

    /** This scoring with {@code kinds} as its kind penalty. */
    public Scoring withKinds(KindPenalty kinds) {
      return new Scoring(lexical, mentionsPerPost, kinds);
    }

    public boolean rescores() {
      return lexical != null;
    }
  }

  /** One threshold's pair figures. */
  public record Point(double threshold, Scores scores) {}

  /** The simulator's items in the order calls happened, embedded as the service embeds them. */
  public static List<Labelled> corpusItems(
      ExtractingFeedback extracting, EmbeddingModel model, int calls, long seed) {
    return corpusItems(extracting, model, calls, seed, EmbeddedText::of);
  }

  /**
   * As {@link #corpusItems(ExtractingFeedback, EmbeddingModel, int, long)}, each item's vector of
   * the text {@code embeddedText} gives (the bench's {@code --embedded-text}, to compare what is
   * embedded; the service's is {@link EmbeddedText#of(FeedbackItem)}).
   */
  public static List<Labelled> corpusItems(
      ExtractingFeedback extracting,
      EmbeddingModel model,
      int calls,
      long seed,
      Function<FeedbackItem, String> embeddedText) {
    Corpus corpus = Corpus.generate(seed, calls, Instant.parse("2026-11-01T00:00:00Z"));
    List<CorpusCall> ordered =
        CorpusCalls.fetchable(corpus.calls()).stream()
            .sorted(Comparator.comparing(CorpusCall::started))
            .toList();
    List<FeedbackItem> items = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (CorpusCall c : ordered) {
      for (FeedbackItem item : extracting.extract(CorpusCalls.toCall(c, "eval-org")).items()) {
        items.add(item);
        labels.add(
            BoardTruth.requestQuoted(
                    c, item.getQuotes().stream().map(Quote::getText).collect(Collectors.toSet()))
                .orElse(null));
      }
    }
    return embedded(items, labels, model, embeddedText);
  }

  private static List<Labelled> embedded(
      List<FeedbackItem> items,
      List<String> requests,
      EmbeddingModel model,
      Function<FeedbackItem, String> embeddedText) {
    List<float[]> vectors = model.embed(items.stream().map(embeddedText).toList());
    List<Labelled> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(new Labelled(items.get(i), vectors.get(i), requests.get(i)));
    }
    return out;
  }

  /**
   * The items the offline extraction finds in the real calls of {@code calls-dev}, in file order,
   * each labelled with the request of the hand-labelled item whose quotes it shares most (its
   * {@code request_group}, or the label's own id when it has none); an item sharing no quote with a
   * label voices no request (null, as a simulator item voicing no planted one). So the board is
   * built from what extraction really reports on real speech, titles and descriptions included,
   * where {@link #labelledCallItems} embeds the labels' quotes.
   *
   * @param dir the calls-dev directory ({@code NN-….call.json} and {@code labels.jsonl})
   */
  public static List<Labelled> extractedCallItems(
      ExtractingFeedback extracting,
      EmbeddingModel model,
      Path dir,
      Function<FeedbackItem, String> embeddedText)
      throws IOException {
    Map<String, String> groups = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("labels.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      for (JsonNode item : json.readTree(line).path("items")) {
        groups.put(item.path("id").asString(), requestOf(item));
      }
    }
    List<FeedbackItem> items = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    for (LabelledCalls.Labelled call : LabelledCalls.read(dir).calls()) {
      for (FeedbackItem item : extracting.extract(call.call()).items()) {
        Set<String> quotes =
            item.getQuotes().stream().map(q -> q.getText().strip()).collect(Collectors.toSet());
        LabelledCalls.Label best = null;
        long most = 0;
        for (LabelledCalls.Label label : call.items()) {
          long shared = label.quotes().stream().filter(quotes::contains).count();
          if (shared > most) {
            most = shared;
            best = label;
          }
        }
        items.add(item);
        requests.add(best == null ? null : groups.get(best.id()));
      }
    }
    return embedded(items, requests, model, embeddedText);
  }

  /**
   * Items built from hand labels ({@code calls-dev/labels.jsonl}: per call, items with their exact
   * quote sentences and a {@code request_group} shared by items of other calls voicing the same
   * request): the text is the quotes in order, the request its group, or the item's own id when it
   * has none (a request no other call voices, so joining anything else over-merges), the kind the
   * labeller gave (upper case, as the item event spells it). In file order.
   */
  public static List<Labelled> labelledCallItems(EmbeddingModel model, Path labels)
      throws IOException {
    List<String> texts = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (String line : Files.readAllLines(labels)) {
      if (line.isBlank()) {
        continue;
      }
      for (JsonNode item : json.readTree(line).path("items")) {
        List<String> quotes = new ArrayList<>();
        item.path("quotes").forEach(q -> quotes.add(q.asString().strip()));
        if (quotes.isEmpty()) {
          continue;
        }
        texts.add(String.join(" ", quotes));
        kinds.add(item.path("kind").asString("").toUpperCase(java.util.Locale.ROOT));
        requests.add(requestOf(item));
      }
    }
    List<float[]> vectors = model.embed(texts);
    List<Labelled> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(new Labelled(null, vectors.get(i), requests.get(i), texts.get(i), kinds.get(i)));
    }
    return out;
  }

  /**
   * A hand-labelled item's request: its {@code request_group}, or {@code solo:<id>} when it has
   * none (a request no other call voices).
   */
  private static String requestOf(JsonNode item) {
    JsonNode group = item.path("request_group");
    return group.isString() && !group.asString().isBlank()
        ? group.asString()
        : "solo:" + item.path("id").asString();
  }

  /** Pair precision/recall per threshold over all pairs of labelled items. */
  public static List<Point> pairCurve(List<Labelled> items, List<Double> thresholds) {
    return pairCurve(items, thresholds, Scoring.PLAIN);
  }

  /**
   * As {@link #pairCurve(List, List)}, each pair's cosine re-scored when {@code scoring} says so
   * (word rarity over all the items' texts).
   */
  public static List<Point> pairCurve(
      List<Labelled> items, List<Double> thresholds, Scoring scoring) {
    List<Labelled> labelled = items.stream().filter(l -> l.requestId() != null).toList();
    TermRarity rarity = new TermRarity();
    List<List<ContentWords.Sentence>> sentences = new ArrayList<>();
    if (scoring.rescores()) {
      items.forEach(l -> rarity.add(ContentWords.words(l.text()).keySet()));
      labelled.forEach(l -> sentences.add(ContentWords.sentences(l.text())));
    }
    List<double[]> scored = new ArrayList<>();
    for (int i = 0; i < labelled.size(); i++) {
      for (int j = i + 1; j < labelled.size(); j++) {
        double s = Vectors.dot(labelled.get(i).vector(), labelled.get(j).vector());
        if (scoring.rescores()) {
          s =
              scoring
                  .lexical()
                  .rescore(
                      s,
                      LexicalRescoring.lexical(
                          sentences.get(i), List.of(sentences.get(j)), rarity));
        }
        boolean same = labelled.get(i).requestId().equals(labelled.get(j).requestId());
        scored.add(new double[] {s, same ? 1 : 0});
      }
    }
    return curve(scored, thresholds);
  }

  /** Pair figures per threshold on a labelled file of {@code {"a","b","duplicate"}} lines. */
  public static List<Point> fileCurve(EmbeddingModel model, Path file, List<Double> thresholds)
      throws IOException {
    return fileCurve(model, file, thresholds, Scoring.PLAIN);
  }

  /**
   * As {@link #fileCurve(EmbeddingModel, Path, List)}, each pair re-scored when {@code scoring}
   * says so (word rarity over the file's distinct texts, standing for an org's mentions).
   */
  public static List<Point> fileCurve(
      EmbeddingModel model, Path file, List<Double> thresholds, Scoring scoring)
      throws IOException {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    List<Boolean> gold = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = json.readTree(line);
      a.add(row.path("a").asString());
      b.add(row.path("b").asString());
      gold.add(row.path("duplicate").asBoolean());
    }
    List<float[]> va = model.embed(a);
    List<float[]> vb = model.embed(b);
    TermRarity rarity = new TermRarity();
    if (scoring.rescores()) {
      Set<String> distinct = new LinkedHashSet<>(a);
      distinct.addAll(b);
      distinct.forEach(t -> rarity.add(ContentWords.words(t).keySet()));
    }
    List<double[]> scored = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      double s = Vectors.dot(va.get(i), vb.get(i));
      if (scoring.rescores()) {
        s =
            scoring
                .lexical()
                .rescore(
                    s,
                    LexicalRescoring.lexical(
                        ContentWords.sentences(a.get(i)),
                        List.of(ContentWords.sentences(b.get(i))),
                        rarity));
      }
      scored.add(new double[] {s, gold.get(i) ? 1 : 0});
    }
    return curve(scored, thresholds);
  }

  private static List<Point> curve(List<double[]> scored, List<Double> thresholds) {
    List<Point> points = new ArrayList<>();
    for (double t : thresholds) {
      long tp = 0;
      long fp = 0;
      long fn = 0;
      for (double[] s : scored) {
        boolean predicted = s[0] >= t;
        boolean gold = s[1] == 1;
        tp += predicted && gold ? 1 : 0;
        fp += predicted && !gold ? 1 : 0;
        fn += !predicted && gold ? 1 : 0;
      }
      points.add(new Point(t, new Scores(tp, fp, fn)));
    }
    return points;
  }

  /**
   * The board dedup-service would build from these items at this threshold: each item, in order,
   * joins the best of its {@code candidates} nearest posts by {@link Matching}, or starts a post.
   */
  public static BoardTruth.Figures board(List<Labelled> items, double threshold, int candidates) {
    return board(items, threshold, candidates, false);
  }

  /**
   * As {@link #board(List, double, int)}, or, with {@code byCentroid}, joining the nearest post
   * whose centroid is at least {@code threshold} similar (the alternative average linkage
   * replaced).
   */
  public static BoardTruth.Figures board(
      List<Labelled> items, double threshold, int candidates, boolean byCentroid) {
    return board(items, threshold, candidates, byCentroid, Scoring.PLAIN);
  }

  /**
   * As {@link #board(List, double, int)}, candidates re-scored as {@code scoring} says: with the
   * words of the post's latest mentions, word rarity over the items placed so far (the org's
   * mentions, as dedup-service counts them).
   */
  public static BoardTruth.Figures board(
      List<Labelled> items, double threshold, int candidates, Scoring scoring) {
    return board(items, threshold, candidates, false, scoring);
  }

  private static BoardTruth.Figures board(
      List<Labelled> items, double threshold, int candidates, boolean byCentroid, Scoring scoring) {
    return BoardTruth.score(
        build(items, new Matching(threshold), candidates, byCentroid, scoring).labels().values());
  }

  /**
   * The board at this threshold with merge suggestions for the uncertain band below it (each item
   * that starts a post while its closest candidate scores in {@code [threshold - band,
   * threshold)}), scored as a reviewer who knows the truth would treat them.
   */
  public static BoardTruth.Review reviewed(
      List<Labelled> items, double threshold, double band, int candidates) {
    return reviewed(items, threshold, band, candidates, Scoring.PLAIN);
  }

  /**
   * As {@link #reviewed(List, double, double, int)}, candidates re-scored as {@code scoring} says.
   */
  public static BoardTruth.Review reviewed(
      List<Labelled> items, double threshold, double band, int candidates, Scoring scoring) {
    return reviewed(items, threshold, band, candidates, scoring, Suggesting.CLOSEST, 0);
  }

  /**
   * As {@link #reviewed(List, double, double, int, Scoring)}, the suggested candidates picked by
   * {@code rule} (dedup-service's {@link Suggesting}): lexical evidence against each post's latest
   * {@code mentionsPerPost} mentions, word rarity over the items placed so far.
   */
  public static BoardTruth.Review reviewed(
      List<Labelled> items,
      double threshold,
      double band,
      int candidates,
      Scoring scoring,
      Suggesting rule,
      int mentionsPerPost) {
    return reviewed(items, threshold, band, candidates, scoring, rule, mentionsPerPost, false);
  }

  /**
   * As {@link #reviewed(List, double, double, int, Scoring, Suggesting, int)}, and, with {@code
   * recheck}, each time an item joins a post, the post's nearest other posts whose mean similarity
   * between the two posts' mentions lies in the band are suggested too (each pair once).
   */
  public static BoardTruth.Review reviewed(
      List<Labelled> items,
      double threshold,
      double band,
      int candidates,
      Scoring scoring,
      Suggesting rule,
      int mentionsPerPost,
      boolean recheck) {
    Built built =
        build(
            items,
            new Matching(threshold, band),
            candidates,
            false,
            scoring,
            rule,
            mentionsPerPost,
            recheck,
            null);
    return BoardTruth.review(built.labels(), built.suggestions());
  }

  /**
   * Who judges uncertain items in a replay, as dedup-service's {@code earshot.dedup.judge}: the
   * judge's own band below the threshold (its candidates must score at least {@code threshold −
   * band}), the most candidates it is shown, best first, and its mode: {@code suggests} (mode
   * {@code suggest}: a pick is a merge suggestion, the item keeps its own post, and each join puts
   * the grown post's unasked neighbours within the band to the judge, each pair once) or not (mode
   * {@code join}: a pick joins).
   */
  public record JudgeSetup(
      Judges.Judging judging, double band, int maxCandidates, boolean suggests) {}

  /**
   * A board replayed with a judge.
   *
   * @param review the board and its merge suggestions, scored as {@link #reviewed} scores them
   * @param questions items the judge was asked about
   * @param rightPicks picks of the post of the item's own planted request (joined, or suggested
   *     when the judge suggests)
   * @param wrongPicks picks of any other post (an item voicing no planted request included)
   * @param missed answers of none (or unusable) while a candidate voiced the item's request
   */
  public record Judged(
      BoardTruth.Review review, int questions, int rightPicks, int wrongPicks, int missed) {}

  /**
   * As {@link #reviewed(List, double, double, int, Scoring, Suggesting, int, boolean)}, and each
   * item that joins nothing is put to {@code judge} first when a candidate scores within the
   * judge's band, as dedup-service does (candidates scored as {@code scoring} says): a pick joins
   * that post; otherwise the item starts its post (and, when {@link Matching} found it uncertain,
   * the rule's suggestions are recorded).
   */
  public static Judged judged(
      List<Labelled> items,
      double threshold,
      double band,
      int candidates,
      Scoring scoring,
      Suggesting rule,
      int mentionsPerPost,
      boolean recheck,
      JudgeSetup judge) {
    Built built =
        build(
            items,
            new Matching(threshold, band),
            candidates,
            false,
            scoring,
            rule,
            mentionsPerPost,
            recheck,
            judge);
    Tally t = built.tally();
    return new Judged(
        BoardTruth.review(built.labels(), built.suggestions()),
        t.questions,
        t.right,
        t.wrong,
        t.missed);
  }

  private static final class Tally {
    int questions;
    int right;
    int wrong;
    int missed;
  }

  private record Built(
      Map<UUID, List<String>> labels, List<BoardTruth.Suggestion<UUID>> suggestions, Tally tally) {}

  private static Built build(
      List<Labelled> items,
      Matching matching,
      int candidates,
      boolean byCentroid,
      Scoring scoring) {
    return build(
        items, matching, candidates, byCentroid, scoring, Suggesting.CLOSEST, 0, false, null);
  }

  /**
   * The kind most mentions have, ties to the earliest (counts in arrival order), as dedup-service's
   * {@code ConsolidationRepository.mainKinds}.
   */
  private static String mainKind(Map<String, Integer> counts) {
    String best = null;
    int most = 0;
    for (var e : counts.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /**
   * The {@code candidates} posts nearest {@code grown} by centroid, itself left out: what a
   * re-check looks at (dedup-service asks its index the same).
   */
  private static List<PostVector> nearestOthers(
      Collection<PostVector> posts, PostVector grown, int candidates) {
    float[] centroid = grown.centroid();
    return posts.stream()
        .filter(p -> !p.postId().equals(grown.postId()))
        .sorted(Comparator.comparingDouble((PostVector p) -> -Vectors.dot(centroid, p.centroid())))
        .limit(candidates)
        .toList();
  }

  private static List<UUID> pair(UUID a, UUID b) {
    return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
  }

  private static final Map<Labelled, List<ContentWords.Sentence>> sentenceCache =
      new IdentityHashMap<>();

  private static synchronized List<ContentWords.Sentence> sentences(Labelled item) {
    return sentenceCache.computeIfAbsent(item, l -> ContentWords.sentences(l.text()));
  }

  private static Built build(
      List<Labelled> items,
      Matching matching,
      int candidates,
      boolean byCentroid,
      Scoring scoring,
      Suggesting rule,
      int mentionsPerPost,
      boolean recheck,
      JudgeSetup judge) {
    Set<List<UUID>> suggestedPairs = new java.util.HashSet<>();
    Set<List<UUID>> askedPairs = new java.util.HashSet<>();
    boolean readWords = scoring.rescores() || rule.readsWords() || judge != null;
    Tally tally = new Tally();
    Map<UUID, LinkedList<Labelled>> latest = new HashMap<>();
    int kept = Math.max(scoring.mentionsPerPost(), mentionsPerPost);
    double threshold = matching.threshold();
    Map<UUID, PostVector> posts = new LinkedHashMap<>();
    Map<UUID, List<String>> labels = new LinkedHashMap<>();
    List<BoardTruth.Suggestion<UUID>> suggestions = new ArrayList<>();
    Map<UUID, Deque<List<ContentWords.Sentence>>> words = new HashMap<>();
    Map<UUID, Map<String, Integer>> kinds = new HashMap<>();
    TermRarity rarity = new TermRarity();
    for (Labelled item : items) {
      List<ContentWords.Sentence> sentences = readWords ? sentences(item) : List.of();
      Matching.Rescoring rescoring =
          scoring.rescores()
              ? (post, similarity) ->
                  scoring
                      .lexical()
                      .rescore(
                          similarity,
                          LexicalRescoring.lexical(
                              sentences, List.copyOf(words.get(post.postId())), rarity))
              : Matching.Rescoring.NONE;
      if (scoring.kinds().weighs()) {
        Matching.Rescoring scored = rescoring;
        rescoring =
            (post, similarity) ->
                scoring
                    .kinds()
                    .apply(
                        scored.rescore(post, similarity),
                        item.kind(),
                        mainKind(kinds.get(post.postId())));
      }
      List<PostVector> nearest =
          posts.values().stream()
              .sorted(
                  Comparator.comparingDouble(
                      (PostVector p) -> -Vectors.dot(item.vector(), p.centroid())))
              .limit(candidates)
              .toList();
      MatchDecision decision =
          byCentroid
              ? nearest.stream()
                  .findFirst()
                  .filter(p -> Vectors.dot(item.vector(), p.centroid()) >= threshold)
                  .<MatchDecision>map(
                      p -> new MatchDecision.Join(p, Vectors.dot(item.vector(), p.centroid())))
                  .orElse(new MatchDecision.New(-1))
              : matching.decide(item.vector(), nearest, rescoring);
      Asked asked = Asked.NOT_ASKED;
      if (judge != null && !(decision instanceof MatchDecision.Join)) {
        asked =
            judgedDecision(
                item,
                nearest,
                matching,
                rescoring,
                judge,
                new Judges.Board(labels, latest, rarity),
                tally);
        if (!judge.suggests()) {
          decision =
              asked
                  .pick()
                  .<MatchDecision>map(m -> new MatchDecision.Join(m.post(), m.score()))
                  .orElse(decision);
        }
      }
      UUID id;
      if (decision instanceof MatchDecision.Join join) {
        id = join.post().postId();
        PostVector grown = posts.get(id).plus(item.vector());
        posts.put(id, grown);
        kinds.get(id).merge(item.kind(), 1, Integer::sum);
        if (recheck && judge != null && judge.suggests()) {
          // as dedup-service's judged re-check: the grown post's closest neighbours within the
          // judge's band (at most its max-candidates), those not yet asked about or suggested with
          // it put to the judge with the item
          List<PostVector> near = nearestOthers(posts.values(), grown, candidates);
          List<UUID> unasked =
              Suggesting.inBand(grown, near, new Matching(threshold, judge.band())).stream()
                  .limit(judge.maxCandidates())
                  .map(m -> m.post().postId())
                  .filter(
                      other ->
                          !suggestedPairs.contains(pair(id, other))
                              && !askedPairs.contains(pair(id, other)))
                  .toList();
          if (!unasked.isEmpty()) {
            Optional<UUID> picked =
                ask(item, unasked, judge, new Judges.Board(labels, latest, rarity), tally);
            unasked.forEach(other -> askedPairs.add(pair(id, other)));
            if (picked.isPresent()) {
              suggestions.add(new BoardTruth.Suggestion<>(id, picked.get()));
              suggestedPairs.add(pair(id, picked.get()));
            }
          }
        } else if (recheck) {
          List<PostVector> near = nearestOthers(posts.values(), grown, candidates);
          Suggesting.Kinds mainKinds = post -> mainKind(kinds.get(post));
          for (Suggesting.Pick pick : rule.recheck(grown, near, matching, mainKinds)) {
            UUID other = pick.post().postId();
            if (suggestedPairs.add(pair(id, other))) {
              suggestions.add(new BoardTruth.Suggestion<>(id, other));
            }
          }
        }
      } else {
        id = UUID.randomUUID();
        posts.put(id, PostVector.first(id, item.vector()));
        labels.put(id, new ArrayList<>());
        kinds.computeIfAbsent(id, k -> new LinkedHashMap<>()).merge(item.kind(), 1, Integer::sum);
        if (judge != null && judge.suggests() && !asked.ids().isEmpty()) {
          // the judge's pick is suggested; its "none" suggests nothing (the pairs it declined may
          // be
          // asked again once, by a re-check, with a post that has grown); an item it was not asked
          // about falls to the rule, as in dedup-service (which also gives the rule an item whose
          // answer was unusable: a configured model's unusable answer counts as none here)
          asked
              .pick()
              .ifPresent(
                  m -> {
                    suggestions.add(new BoardTruth.Suggestion<>(id, m.post().postId()));
                    suggestedPairs.add(pair(id, m.post().postId()));
                  });
        } else if (decision instanceof MatchDecision.Uncertain) {
          for (Suggesting.Pick pick :
              rule.pick(
                  item.vector(),
                  nearest,
                  matching,
                  rescoring,
                  post ->
                      LexicalRescoring.lexical(
                              sentences, List.copyOf(words.get(post.postId())), rarity)
                          .similarity())) {
            suggestions.add(new BoardTruth.Suggestion<>(id, pick.post().postId()));
            suggestedPairs.add(pair(id, pick.post().postId()));
          }
        }
      }
      if (item.requestId() != null) {
        labels.get(id).add(item.requestId());
      }
      if (judge != null) {
        LinkedList<Labelled> recentItems = latest.computeIfAbsent(id, k -> new LinkedList<>());
        recentItems.addFirst(item);
        if (recentItems.size() > Math.max(1, kept)) {
          recentItems.removeLast();
        }
      }
      if (readWords) {
        var recent = words.computeIfAbsent(id, k -> new ArrayDeque<>());
        recent.addFirst(sentences);
        if (recent.size() > kept) {
          recent.removeLast();
        }
        rarity.add(ContentWords.words(item.text()).keySet());
      }
    }
    return new Built(labels, suggestions, tally);
  }

  /**
   * What the judge was shown about an item (post ids, best first; empty: not asked) and the
   * candidate it picked.
   */
  private record Asked(List<UUID> ids, Optional<Matching.Match> pick) {
    static final Asked NOT_ASKED = new Asked(List.of(), Optional.empty());
  }

  /**
   * The judge's answer about an item that would join no post (dedup-service's {@code
   * WeighingCandidates.judgement}): the candidates with mentions scoring in {@code [threshold −
   * judge band, threshold)}, best first, at most the judge's maximum, and the one it picked.
   */
  private static Asked judgedDecision(
      Labelled item,
      List<PostVector> nearest,
      Matching matching,
      Matching.Rescoring rescoring,
      JudgeSetup judge,
      Judges.Board board,
      Tally tally) {
    List<Matching.Match> uncertain =
        matching.withinBand(item.vector(), nearest, rescoring, judge.band(), judge.maxCandidates());
    if (uncertain.isEmpty()) {
      return Asked.NOT_ASKED;
    }
    List<UUID> ids = uncertain.stream().map(m -> m.post().postId()).toList();
    Optional<UUID> picked = ask(item, ids, judge, board, tally);
    return new Asked(
        ids,
        picked.flatMap(
            p -> uncertain.stream().filter(m -> m.post().postId().equals(p)).findFirst()));
  }

  /**
   * Puts {@code ids} to the judge with {@code item} and tallies the answer: a pick of a post
   * voicing the item's request is right, of another wrong; none while one of them voiced it is a
   * miss.
   */
  private static Optional<UUID> ask(
      Labelled item, List<UUID> ids, JudgeSetup judge, Judges.Board board, Tally tally) {
    tally.questions++;
    Optional<UUID> picked = judge.judging().pick(item, ids, board);
    if (picked.isEmpty()) {
      if (ids.stream().anyMatch(p -> board.voices(p, item.requestId()))) {
        tally.missed++;
      }
    } else if (board.voices(picked.get(), item.requestId())) {
      tally.right++;
    } else {
      tally.wrong++;
    }
    return picked;
  }
}

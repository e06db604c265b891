package dev.earshot.dedup.post;

import dev.earshot.dedup.board.KindPenalty;
import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.NewMention;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.judge.MatchJudge;
import dev.earshot.dedup.similarity.ContentWords;
import dev.earshot.dedup.similarity.EmbeddedText;
import dev.earshot.dedup.similarity.LexicalRescoring;
import dev.earshot.dedup.similarity.TermRarity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weighs an item's candidates beyond the embedding score, as configured: re-scores each with the
 * rare content words its latest mentions share with the item ({@link LexicalRescoring}; rarity over
 * the org's mentions, {@link TermRarity}), and, when the best candidate stays just below the join
 * threshold (within {@link Settings#band}), asks the {@link MatchJudge} which of the uncertain
 * candidates, if any, the item joins. The candidates' mentions are read from PostgreSQL only when
 * one of the two needs them.
 *
 * <p>Word rarity is counted per org in memory: seeded from the org's latest mentions on its first
 * item, then each consolidated item is added. Replicas (possible with Qdrant) each count their own
 * items on top of the seed: the weights differ slightly between them, the ranking of rare against
 * common words does not.
 */
public class WeighingCandidates {

  private static final Logger log = LoggerFactory.getLogger(WeighingCandidates.class);

  /**
   * @param rescoring whether the lexical term is added to candidates' scores
   * @param lexical the lexical weight
   * @param mentionsPerPost latest mentions of a candidate read for its words and quotes
   * @param rarityDocuments latest mentions of an org that seed its word rarity
   * @param band how far below the threshold a candidate is uncertain (judged); 0: never
   * @param judgedCandidates most candidates shown to the judge
   * @param quotesPerSide quotes shown for the item and for each candidate
   * @param kinds how much lower a candidate of another main kind than the item's scores ({@link
   *     KindPenalty}; applied after the lexical term)
   * @param judgeSuggests whether the judge's pick is suggested to a person (a merge suggestion)
   *     instead of joined ({@code earshot.dedup.judge.mode}: {@code suggest} / {@code join})
   */
  record Settings(
      boolean rescoring,
      LexicalRescoring lexical,
      int mentionsPerPost,
      int rarityDocuments,
      double band,
      int judgedCandidates,
      int quotesPerSide,
      KindPenalty kinds,
      boolean judgeSuggests) {}

  /**
   * What the judge was asked and answered about one item (or one re-checked post).
   *
   * @param asked the candidate posts shown to it, best first; empty when it was not asked
   * @param pick the one it picked, when it picked one
   * @param answered whether it answered the question: picked one or chose none (not when it was not
   *     asked, gave an answer that was not one of the choices, or refused the question)
   */
  record Judgement(List<Matching.Match> asked, Optional<Matching.Match> pick, boolean answered) {

    static final Judgement NOT_ASKED = new Judgement(List.of(), Optional.empty(), false);

    /** The ids of the posts shown. */
    List<UUID> askedIds() {
      return asked.stream().map(m -> m.post().postId()).toList();
    }
  }

  private final CandidateRepository posts;
  private final MatchJudge judge;
  private final Settings settings;
  private final Map<String, TermRarity> rarityByOrg = new ConcurrentHashMap<>();

  private final boolean suggestionsReadWords;

  WeighingCandidates(CandidateRepository posts, MatchJudge judge, Settings settings) {
    this(posts, judge, settings, false);
  }

  /**
   * @param suggestionsReadWords whether merge suggestions read candidates' words ({@link
   *     dev.earshot.dedup.board.Suggesting#readsWords}), so word rarity is counted for them too
   */
  WeighingCandidates(
      CandidateRepository posts,
      MatchJudge judge,
      Settings settings,
      boolean suggestionsReadWords) {
    this.posts = posts;
    this.judge = judge;
    this.settings = settings;
    this.suggestionsReadWords = suggestionsReadWords;
  }

  /** The item's view of its candidates; reads their mentions (in one query) when first needed. */
  Candidates candidates(NewMention item, Collection<PostVector> found) {
    return candidates(item, found, Suggesting.Kinds.UNKNOWN);
  }

  /**
   * As {@link #candidates(NewMention, Collection)}, each candidate's main kind read from {@code
   * kinds} when {@link Settings#kinds} weighs kinds (and only then).
   */
  Candidates candidates(NewMention item, Collection<PostVector> found, Suggesting.Kinds kinds) {
    return new Candidates(item, found.stream().map(PostVector::postId).toList(), kinds);
  }

  /** Counts the item's words in its org's rarity, once it is on the board. */
  void remember(NewMention item) {
    if (settings.rescoring() || judge.asks() || suggestionsReadWords) {
      rarity(item.orgId()).add(ContentWords.words(text(item)).keySet());
    }
  }

  /**
   * The candidate the judge picks, when a judge is configured and the best candidate (by {@code
   * candidates}' scores) fell short of the threshold by less than the band, with the candidates the
   * judge was shown ({@link Judgement#NOT_ASKED} when no judge is configured or no candidate scored
   * within its band).
   *
   * @throws dev.earshot.provider.ProviderHttp.ModelUnavailable when the judge's provider is out
   */
  Judgement judgement(
      NewMention item,
      float[] vector,
      Collection<PostVector> found,
      Candidates candidates,
      Matching matching) {
    if (!judge.asks() || settings.band() <= 0) {
      return Judgement.NOT_ASKED;
    }
    List<Matching.Match> uncertain =
        matching.withinBand(
            vector, found, candidates, settings.band(), settings.judgedCandidates());
    if (uncertain.isEmpty()) {
      return Judgement.NOT_ASKED;
    }
    return ask(item, uncertain, candidates, "asked the judge about an uncertain item");
  }

  /**
   * Whether the judge's picks become merge suggestions for a person rather than joins: a judge is
   * configured, with a band, in {@code mode: suggest}.
   */
  boolean judgeSuggests() {
    return judge.asks() && settings.band() > 0 && settings.judgeSuggests();
  }

  /** Most candidates shown to the judge in one question ({@code max-candidates}). */
  int judgedCandidates() {
    return settings.judgedCandidates();
  }

  /** {@code matching}'s threshold with the judge's band: where a re-check asks the judge. */
  Matching judgeBand(Matching matching) {
    return new Matching(matching.threshold(), settings.band());
  }

  /**
   * After {@code item} joined a post: asks the judge whether it voices the request of one of {@code
   * neighbours} (posts whose mean similarity to the joined post lies within the judge's band, best
   * first; at most {@code max-candidates} are shown), the same question as for an item that joins
   * nothing.
   *
   * @throws dev.earshot.provider.ProviderHttp.ModelUnavailable when the judge's provider is out
   */
  Judgement judgeRecheck(NewMention item, List<Matching.Match> neighbours) {
    if (!judge.asks() || neighbours.isEmpty()) {
      return Judgement.NOT_ASKED;
    }
    List<Matching.Match> shown = neighbours.stream().limit(settings.judgedCandidates()).toList();
    Candidates candidates =
        new Candidates(
            item, shown.stream().map(m -> m.post().postId()).toList(), Suggesting.Kinds.UNKNOWN);
    return ask(item, shown, candidates, "asked the judge about a joined item's neighbours");
  }

  private Judgement ask(
      NewMention item, List<Matching.Match> shown, Candidates candidates, String what) {
    MatchJudge.Question question = candidates.question(shown);
    MatchJudge.Verdict verdict = judge.judge(question);
    log.atInfo()
        .addKeyValue("org", item.orgId())
        .addKeyValue("itemId", item.itemId())
        .addKeyValue("candidates", shown.size())
        .addKeyValue("verdict", verdict.getClass().getSimpleName())
        .log(what);
    Optional<Matching.Match> pick =
        verdict instanceof MatchJudge.Verdict.Picked picked
            ? shown.stream().filter(m -> m.post().postId().equals(picked.postId())).findFirst()
            : Optional.empty();
    return new Judgement(
        shown,
        pick,
        verdict instanceof MatchJudge.Verdict.Picked
            || verdict instanceof MatchJudge.Verdict.NoneChosen);
  }

  private TermRarity rarity(String orgId) {
    TermRarity known = rarityByOrg.get(orgId);
    if (known != null) {
      return known;
    }
    TermRarity seeded = new TermRarity();
    for (String text : posts.recentMentionTexts(orgId, settings.rarityDocuments())) {
      seeded.add(ContentWords.words(text).keySet());
    }
    TermRarity raced = rarityByOrg.putIfAbsent(orgId, seeded);
    return raced == null ? seeded : raced;
  }

  private static String text(NewMention m) {
    return EmbeddedText.of(m.title(), m.description(), List.of());
  }

  /** One item's candidates with their words, read once. */
  final class Candidates implements Matching.Rescoring {
    private final NewMention item;
    private final List<UUID> found;
    private final Suggesting.Kinds kinds;
    private final List<ContentWords.Sentence> itemSentences;
    private final Map<UUID, LexicalRescoring.Lexical> lexical = new HashMap<>();
    private Map<UUID, List<Mention>> mentions;
    private TermRarity rarity;

    private Candidates(NewMention item, List<UUID> found, Suggesting.Kinds kinds) {
      this.item = item;
      this.found = found;
      this.kinds = kinds;
      this.itemSentences = ContentWords.sentences(text(item));
    }

    /**
     * The candidate's score: its mean similarity, plus the lexical term when re-scoring is on, less
     * the kind penalty when its main kind differs from the item's ({@link KindPenalty}).
     */
    @Override
    public double rescore(PostVector post, double similarity) {
      double score =
          settings.rescoring()
              ? settings.lexical().rescore(similarity, lexical(post.postId()))
              : similarity;
      if (!settings.kinds().weighs()) {
        return score;
      }
      return settings.kinds().apply(score, item.kind(), kinds.of(post.postId()));
    }

    /**
     * The candidate's lexical evidence, 0..1: the mean over its latest mentions of the best
     * sentence pair's TF-IDF cosine with the item ({@link LexicalRescoring#lexical}).
     */
    double evidence(PostVector post) {
      return lexical(post.postId()).similarity();
    }

    private LexicalRescoring.Lexical lexical(UUID postId) {
      return lexical.computeIfAbsent(
          postId,
          id ->
              LexicalRescoring.lexical(
                  itemSentences,
                  mentionsOf(id).stream().map(m -> ContentWords.sentences(text(m.item()))).toList(),
                  rarity()));
    }

    private List<Mention> mentionsOf(UUID postId) {
      if (mentions == null) {
        mentions = posts.recentMentions(found, settings.mentionsPerPost());
      }
      return mentions.getOrDefault(postId, List.of());
    }

    private TermRarity rarity() {
      if (rarity == null) {
        rarity = WeighingCandidates.this.rarity(item.orgId());
      }
      return rarity;
    }

    /** Titles and closest quotes only: what the judge may see. */
    MatchJudge.Question question(List<Matching.Match> uncertain) {
      Map<UUID, String> titles =
          posts.titles(uncertain.stream().map(m -> m.post().postId()).toList());
      List<MatchJudge.Candidate> shown = new ArrayList<>();
      for (Matching.Match m : uncertain) {
        UUID id = m.post().postId();
        List<String> quotes =
            LexicalRescoring.closest(
                mentionsOf(id).stream()
                    .flatMap(x -> x.item().quotes().stream())
                    .map(QuoteRef::text)
                    .toList(),
                itemSentences,
                rarity(),
                settings.quotesPerSide());
        shown.add(
            new MatchJudge.Candidate(id, new MatchJudge.Said(titles.getOrDefault(id, ""), quotes)));
      }
      List<String> own =
          item.quotes().stream().map(QuoteRef::text).limit(settings.quotesPerSide()).toList();
      return new MatchJudge.Question(new MatchJudge.Said(item.title(), own), shown);
    }
  }
}

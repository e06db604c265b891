package dev.earshot.bench.eval;

import dev.earshot.dedup.board.ClearestTitle;
import dev.earshot.dedup.judge.MatchJudge;
import dev.earshot.dedup.similarity.ContentWords;
import dev.earshot.dedup.similarity.LexicalRescoring;
import dev.earshot.dedup.similarity.TermRarity;
import dev.earshot.events.Quote;
import dev.earshot.gong.simulator.corpus.BoardTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Who decides, in a board replay ({@link DedupEval#judged}), an item that would join no post while
 * a candidate scores within the judge's band below the threshold, as dedup-service's judge does
 * ({@code earshot.dedup.judge}): the configured language model, asked exactly the question the
 * service asks, or an oracle that knows the planted requests and is right with a given probability
 * — the figure that says how good a judge must be before the board meets its goals.
 */
public final class Judges {

  private Judges() {}

  /**
   * Decides one item that would join no post.
   *
   * <p>{@code uncertain} are the candidate posts in the judge's band, best first, at most the
   * judge's {@code max-candidates}; the answer is one of them, or empty (the item starts its own
   * post).
   */
  public interface Judging {
    Optional<UUID> pick(DedupEval.Labelled item, List<UUID> uncertain, Board board);
  }

  /**
   * What a judge may read of the board so far.
   *
   * @param requests each post's mentions' planted requests (an oracle's knowledge only)
   * @param latest each post's latest mentions, newest first
   * @param rarity word rarity over the items placed so far (as the service counts an org's)
   */
  public record Board(
      Map<UUID, List<String>> requests,
      Map<UUID, ? extends List<DedupEval.Labelled>> latest,
      TermRarity rarity) {

    /** Whether most of {@code post}'s mentions voice {@code request} (false for no request). */
    public boolean voices(UUID post, String request) {
      return request != null
          && BoardTruth.majority(requests.getOrDefault(post, List.of()))
              .filter(request::equals)
              .isPresent();
    }
  }

  /**
   * A judge that knows the truth and is right with probability {@code accuracy}: right, it picks
   * the first candidate whose majority request is the item's (none when no candidate voices it);
   * wrong, it answers none when a candidate was right, else picks the best candidate. Seeded, so a
   * replay repeats.
   *
   * @param accuracy probability of the right answer, in [0, 1]
   */
  public static Oracle oracle(double accuracy, long seed) {
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("an accuracy is in [0, 1], not " + accuracy);
    }
    return new Oracle(accuracy, new Random(seed));
  }

  /** See {@link #oracle}. */
  public static final class Oracle implements Judging {
    private final double accuracy;
    private final Random random;

    private Oracle(double accuracy, Random random) {
      this.accuracy = accuracy;
      this.random = random;
    }

    @Override
    public Optional<UUID> pick(DedupEval.Labelled item, List<UUID> uncertain, Board board) {
      Optional<UUID> right =
          uncertain.stream().filter(p -> board.voices(p, item.requestId())).findFirst();
      if (random.nextDouble() < accuracy) {
        return right;
      }
      return right.isPresent() ? Optional.empty() : Optional.of(uncertain.getFirst());
    }
  }

  /**
   * Asks {@code judge} what dedup-service asks it ({@code WeighingCandidates}): the item's title
   * and first {@code quotesPerSide} quotes; for each candidate its title (the clearest of its
   * mentions' titles, as a post's) and its {@code quotesPerSide} quotes sharing the most rare words
   * with the item. A pick joins; anything else (none, an unusable answer) starts a post.
   *
   * @throws IllegalArgumentException for an item without an extracted item (hand-label boards)
   * @throws dev.earshot.provider.ProviderHttp.ModelUnavailable when the provider cannot serve
   */
  public static Judging asking(MatchJudge judge, int quotesPerSide) {
    return (item, uncertain, board) -> {
      MatchJudge.Question question = question(item, uncertain, board, quotesPerSide);
      return judge.judge(question) instanceof MatchJudge.Verdict.Picked picked
          ? Optional.of(picked.postId())
          : Optional.empty();
    };
  }

  /** The question dedup-service would ask about {@code item} (see {@link #asking}). */
  static MatchJudge.Question question(
      DedupEval.Labelled item, List<UUID> uncertain, Board board, int quotesPerSide) {
    if (item.item() == null) {
      throw new IllegalArgumentException("a judge is asked about extracted items only");
    }
    List<ContentWords.Sentence> sentences = ContentWords.sentences(item.text());
    List<MatchJudge.Candidate> shown = new ArrayList<>();
    for (UUID post : uncertain) {
      List<? extends DedupEval.Labelled> mentions =
          board.latest().containsKey(post) ? board.latest().get(post) : List.of();
      List<String> titles = new ArrayList<>();
      List<String> quotes = new ArrayList<>();
      for (DedupEval.Labelled m : mentions.reversed()) {
        titles.add(m.item().getTitle());
        m.item().getQuotes().stream().map(Quote::getText).forEach(quotes::add);
      }
      String title = titles.isEmpty() ? "" : ClearestTitle.among(titles.getFirst(), titles);
      shown.add(
          new MatchJudge.Candidate(
              post,
              new MatchJudge.Said(
                  title,
                  LexicalRescoring.closest(quotes, sentences, board.rarity(), quotesPerSide))));
    }
    List<String> own =
        item.item().getQuotes().stream().map(Quote::getText).limit(quotesPerSide).toList();
    return new MatchJudge.Question(new MatchJudge.Said(item.item().getTitle(), own), shown);
  }
}

package dev.earshot.dedup.board;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Which of an uncertain item's candidates its new post is suggested to merge into. The candidates
 * in the uncertain band ({@code [threshold - band, threshold)} by {@link Matching}'s score) are
 * ranked by {@code score + lexicalWeight × lexical} (lexical: the rare content words the post's
 * latest mentions share with the item, 0..1, {@code similarity.LexicalRescoring}); those whose
 * lexical evidence is below {@code lexicalFloor} are dropped, and at most {@code most} are
 * suggested, best first.
 *
 * <p>Why: within the band the embedding's closest post is the right request only about half the
 * time; the shared rare words tell the twin from a post about the same screen. Weight, floor and
 * count are calibrated with {@code ./earshot bench dedup} (README "Merge suggestions").
 *
 * <p>Re-checks ({@link #recheck}) may also require that the two posts voice the same kind of
 * feedback ({@code recheckSameKind}): the kind extraction gave most of each post's mentions
 * (feature request, bug, limitation, UX). Twins are one request, so they are one kind; two posts
 * about the same screen, one a bug and one a feature request, are not twins. On the simulator board
 * an in-band re-checked pair whose kinds differ joins twins about one time in seven.
 *
 * @param lexicalWeight weight of the lexical evidence in the ranking (0..2); 0: by score alone
 * @param lexicalFloor least lexical evidence (0..1) for a candidate to be suggested; 0: any
 * @param most most candidates suggested for one item (1..10)
 * @param recheckSameKind whether a re-checked pair is suggested only when the two posts' main kinds
 *     agree (a post whose kind is unknown passes)
 */
public record Suggesting(
    double lexicalWeight, double lexicalFloor, int most, boolean recheckSameKind) {

  /** The closest in-band candidate only, whatever its words: the rule before lexical evidence. */
  public static final Suggesting CLOSEST = new Suggesting(0, 0, 1);

  /** A rule that re-checks whatever the posts' kinds. */
  public Suggesting(double lexicalWeight, double lexicalFloor, int most) {
    this(lexicalWeight, lexicalFloor, most, false);
  }

  public Suggesting {
    if (!(lexicalWeight >= 0 && lexicalWeight <= 2)) {
      throw new IllegalArgumentException("a lexical weight is in [0, 2], not " + lexicalWeight);
    }
    if (!(lexicalFloor >= 0 && lexicalFloor <= 1)) {
      throw new IllegalArgumentException("a lexical floor is in [0, 1], not " + lexicalFloor);
    }
    if (most < 1 || most > 10) {
      throw new IllegalArgumentException("most suggestions per item is in [1, 10], not " + most);
    }
  }

  /** Whether this rule reads candidates' words at all. */
  public boolean readsWords() {
    return lexicalWeight > 0 || lexicalFloor > 0;
  }

  /** A candidate's lexical evidence against the item, 0..1. */
  @FunctionalInterface
  public interface Evidence {
    Evidence NONE = post -> 0;

    double lexical(PostVector post);
  }

  /** The main kind of a post's mentions, for the re-check's kind gate. */
  @FunctionalInterface
  public interface Kinds {
    /** Knows no post's kind: the gate lets every pair through. */
    Kinds UNKNOWN = post -> null;

    /**
     * @param post a post id
     * @return the kind most of its mentions have (ties: the kind of the earliest of them), or null
     *     when unknown
     */
    String of(UUID post);
  }

  /** A suggested candidate: its {@link Matching} score and its lexical evidence. */
  public record Pick(PostVector post, double score, double lexical) {}

  /**
   * The candidates to suggest, best first; empty when none in the band passes the floor.
   *
   * @param item the item's vector (unit length)
   * @param candidates the posts the index proposed
   * @param matching the threshold and band (a band of 0: never suggests)
   * @param rescoring how {@link Matching} scored the candidates
   * @param evidence each candidate's lexical evidence (read only for candidates in the band)
   */
  public List<Pick> pick(
      float[] item,
      Collection<PostVector> candidates,
      Matching matching,
      Matching.Rescoring rescoring,
      Evidence evidence) {
    if (matching.uncertainBand() <= 0) {
      return List.of();
    }
    double floor = matching.threshold() - matching.uncertainBand();
    return candidates.stream()
        .filter(p -> p.mentions() > 0)
        .map(p -> new Matching.Match(p, rescoring.rescore(p, p.averageSimilarity(item))))
        .filter(m -> m.score() >= floor && !matching.joins(m))
        .map(m -> new Pick(m.post(), m.score(), readsWords() ? evidence.lexical(m.post()) : 0))
        .filter(p -> p.lexical() >= lexicalFloor)
        .sorted(Comparator.comparingDouble((Pick p) -> -(p.score() + lexicalWeight * p.lexical())))
        .limit(most)
        .toList();
  }

  /**
   * Re-checks a post that just gained a mention: the other posts whose mean similarity between the
   * two posts' mentions (average linkage, {@code sumA · sumB / (nA × nB)}) now lies in the band,
   * best first, at most {@code most}. A post of several mentions is a steadier witness than the
   * single item that started it, so twins the first item missed surface once either grows. Lexical
   * evidence is not read (the mentions' words are not at hand); {@code pick} applies it.
   *
   * @param grown the post, mentions included
   * @param others posts near it (itself and empty posts are skipped)
   * @param matching the threshold and band (a band of 0: never suggests)
   */
  public List<Pick> recheck(PostVector grown, Collection<PostVector> others, Matching matching) {
    return recheck(grown, others, matching, Kinds.UNKNOWN);
  }

  /**
   * As {@link #recheck(PostVector, Collection, Matching)}; with {@code recheckSameKind}, a post
   * whose main kind is known and differs from the grown post's is not suggested.
   *
   * @param kinds the posts' main kinds (read only when {@code recheckSameKind} and some post is in
   *     the band)
   */
  public List<Pick> recheck(
      PostVector grown, Collection<PostVector> others, Matching matching, Kinds kinds) {
    List<Matching.Match> inBand = inBand(grown, others, matching);
    if (inBand.isEmpty()) {
      return List.of(); // kinds are read only when some post is in the band
    }
    String grownKind = recheckSameKind ? kinds.of(grown.postId()) : null;
    return inBand.stream()
        .filter(m -> grownKind == null || sameKindOrUnknown(grownKind, kinds.of(m.post().postId())))
        .limit(most)
        .map(m -> new Pick(m.post(), m.score(), 0))
        .toList();
  }

  /**
   * The posts whose mean similarity to {@code grown} between the two posts' mentions (average
   * linkage, {@code sumA · sumB / (nA × nB)}) lies in {@code matching}'s band, best first, every
   * one of them: what {@link #recheck} picks from, and what a judge that suggests is asked about
   * after a join (dedup-service's {@code earshot.dedup.judge.mode: suggest}, with the judge's
   * band).
   *
   * @param grown the post, mentions included (none: nothing is in the band)
   * @param others posts near it (itself and empty posts are skipped)
   * @param matching the threshold and band (a band of 0: none)
   */
  public static List<Matching.Match> inBand(
      PostVector grown, Collection<PostVector> others, Matching matching) {
    if (matching.uncertainBand() <= 0 || grown.mentions() == 0) {
      return List.of();
    }
    double floor = matching.threshold() - matching.uncertainBand();
    return others.stream()
        .filter(p -> p.mentions() > 0 && !p.postId().equals(grown.postId()))
        .map(p -> new Matching.Match(p, meanSimilarity(grown, p)))
        .filter(m -> m.score() >= floor && !matching.joins(m))
        .sorted(Comparator.comparingDouble((Matching.Match m) -> -m.score()))
        .toList();
  }

  private static boolean sameKindOrUnknown(String kind, String other) {
    return other == null || Objects.equals(kind, other);
  }

  /** Mean cosine similarity over all pairs of the two posts' mentions. */
  static double meanSimilarity(PostVector a, PostVector b) {
    double dot = 0;
    for (int i = 0; i < a.sum().length; i++) {
      dot += a.sum()[i] * (double) b.sum()[i];
    }
    return dot / ((double) a.mentions() * b.mentions());
  }
}

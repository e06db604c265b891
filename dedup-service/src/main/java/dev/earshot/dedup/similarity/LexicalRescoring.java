package dev.earshot.dedup.similarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Re-scores a match candidate with the rare content words its mentions share with the item: for
 * each of the post's mentions, the TF-IDF cosine of the best-matching pair of sentences (one of the
 * item's, one of the mention's; {@link ContentWords}, weighted by {@link TermRarity}); their mean,
 * like the embedding score's average linkage, is added with {@code weight}: {@code score = cosine +
 * weight × lexical}. Shared rare words ("Okta", "SCIM") lift a candidate; shared common ones
 * ("report", "dashboard" on a board full of them) barely do.
 *
 * <p>Why: an embedding of a short text blurs the one word that names the request, and two requests
 * about the same screen read alike. Measured in {@code
 * ../shared/reviews/dedup-models-2026-11-30.md} (section 4: human-labelled review↔report pairs, F1
 * 0.653 → 0.720, AUC 0.821 → 0.851, weight 0.4) and re-measured by {@code ./earshot bench dedup}
 * (README "Matching").
 *
 * @param weight how much one unit of lexical similarity (0..1) adds to the cosine; 0 turns it off
 */
public record LexicalRescoring(double weight) {

  public LexicalRescoring {
    if (!(weight >= 0 && weight <= 2)) {
      throw new IllegalArgumentException("a lexical weight is in [0, 2], not " + weight);
    }
  }

  /**
   * A candidate's lexical similarity and the evidence for it.
   *
   * @param similarity mean over mentions of the best sentence pair's TF-IDF cosine, 0..1
   * @param itemSentence the item's sentence of the best pair over all mentions ("" when none)
   * @param postSentence the post's sentence of that pair ("" when none)
   */
  public record Lexical(double similarity, String itemSentence, String postSentence) {
    public static final Lexical NONE = new Lexical(0, "", "");
  }

  /** The embedding score re-scored. */
  public double rescore(double cosine, Lexical lexical) {
    return cosine + weight * lexical.similarity();
  }

  /**
   * @param item the item's sentences
   * @param mentions each mention's sentences (a mention without content words counts as 0)
   */
  public static Lexical lexical(
      List<ContentWords.Sentence> item,
      List<List<ContentWords.Sentence>> mentions,
      TermRarity rarity) {
    if (item.isEmpty() || mentions.isEmpty()) {
      return Lexical.NONE;
    }
    double[] itemNorms = new double[item.size()];
    for (int i = 0; i < item.size(); i++) {
      itemNorms[i] = norm(item.get(i), rarity);
    }
    double sum = 0;
    double best = 0;
    String bestItem = "";
    String bestPost = "";
    for (List<ContentWords.Sentence> mention : mentions) {
      double mentionBest = 0;
      for (ContentWords.Sentence theirs : mention) {
        double theirNorm = norm(theirs, rarity);
        for (int i = 0; i < item.size(); i++) {
          double c = cosine(item.get(i), itemNorms[i], theirs, theirNorm, rarity);
          mentionBest = Math.max(mentionBest, c);
          if (c > best) {
            best = c;
            bestItem = item.get(i).text();
            bestPost = theirs.text();
          }
        }
      }
      sum += mentionBest;
    }
    return new Lexical(sum / mentions.size(), bestItem, bestPost);
  }

  /**
   * The quotes most like {@code to}: each quote scored by its best {@link #similarity} with one of
   * {@code to}'s sentences, best first (ties keep the given order), each text once, at most {@code
   * limit}. What a judge of an uncertain item is shown of a candidate post.
   *
   * @param quotes verbatim quotes, as given
   * @param to the sentences they are compared with (the item's)
   * @param limit most quotes returned, ≥ 0
   */
  public static List<String> closest(
      List<String> quotes, List<ContentWords.Sentence> to, TermRarity rarity, int limit) {
    record Scored(String text, double score) {}
    List<Scored> scored = new ArrayList<>();
    for (String q : quotes) {
      ContentWords.Sentence s = ContentWords.sentence(q);
      double best = 0;
      for (ContentWords.Sentence mine : to) {
        best = Math.max(best, similarity(mine, s, rarity));
      }
      scored.add(new Scored(q, best));
    }
    return scored.stream()
        .sorted(Comparator.comparingDouble(Scored::score).reversed())
        .map(Scored::text)
        .distinct()
        .limit(limit)
        .toList();
  }

  /** TF-IDF cosine of two sentences, 0..1. */
  public static double similarity(
      ContentWords.Sentence a, ContentWords.Sentence b, TermRarity rarity) {
    return cosine(a, norm(a, rarity), b, norm(b, rarity), rarity);
  }

  /** Cosine of the two sentences' vectors of tf × idf, given their norms. */
  private static double cosine(
      ContentWords.Sentence a,
      double normA,
      ContentWords.Sentence b,
      double normB,
      TermRarity rarity) {
    if (normA == 0 || normB == 0) {
      return 0;
    }
    Map<String, Integer> small = a.words().size() <= b.words().size() ? a.words() : b.words();
    Map<String, Integer> large = small == a.words() ? b.words() : a.words();
    double dot = 0;
    for (Map.Entry<String, Integer> e : small.entrySet()) {
      Integer other = large.get(e.getKey());
      if (other != null) {
        double idf = rarity.idf(e.getKey());
        dot += e.getValue() * other * idf * idf;
      }
    }
    return dot / (normA * normB);
  }

  private static double norm(ContentWords.Sentence s, TermRarity rarity) {
    double sum = 0;
    for (Map.Entry<String, Integer> e : s.words().entrySet()) {
      double w = e.getValue() * rarity.idf(e.getKey());
      sum += w * w;
    }
    return Math.sqrt(sum);
  }
}

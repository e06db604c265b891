package dev.earshot.dedup.similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The content words of a text, sentence by sentence, as Lucene's {@link EnglishAnalyzer} reads
 * them: lower-cased, possessives dropped, Porter-stemmed ("exports", "exporting" and "exported" are
 * one word), English stop words removed, plus a few words of spoken English that carry no topic
 * ({@link #SPOKEN_FILLER}). Numbers of one character are dropped too. Thread-safe.
 */
public final class ContentWords {

  /**
   * Words of conversation that say nothing about what is asked for ("I just really want to be able
   * to…"), on top of Lucene's English stop set; rarity weighting would discount them anyway, but on
   * a small org's board they are not rare enough yet.
   */
  static final List<String> SPOKEN_FILLER =
      List.of(
          "i",
          "me",
          "my",
          "we",
          "our",
          "us",
          "you",
          "your",
          "it's",
          "i'm",
          "we're",
          "that's",
          "just",
          "really",
          "like",
          "actually",
          "basically",
          "honestly",
          "yeah",
          "okay",
          "ok",
          "um",
          "uh",
          "so",
          "know",
          "think",
          "mean",
          "kind",
          "sort",
          "lot",
          "thing",
          "things",
          "would",
          "could",
          "should",
          "can",
          "will",
          "do",
          "does",
          "did",
          "have",
          "has",
          "had",
          "get",
          "got",
          "go",
          "going",
          "want",
          "wish",
          "need",
          "able",
          "some",
          "any",
          "all",
          "also",
          "very",
          "what",
          "when",
          "how",
          "there",
          "here",
          "from",
          "about",
          "because",
          "which",
          "who",
          "one",
          "more",
          "much",
          "make",
          "way",
          "great",
          "nice",
          "good");

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");

  private static final Analyzer analyzer = new EnglishAnalyzer(stopWords());

  private ContentWords() {}

  /** A sentence and its content words with their counts (stems, in order of appearance). */
  public record Sentence(String text, Map<String, Integer> words) {
    public boolean isEmpty() {
      return words.isEmpty();
    }
  }

  /** The sentences of {@code text} that hold at least one content word. */
  public static List<Sentence> sentences(String text) {
    List<Sentence> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String sentence : SENTENCE_END.split(text.strip())) {
      Sentence s = sentence(sentence);
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** One sentence as it is, not split further. */
  public static Sentence sentence(String text) {
    return new Sentence(text.strip(), words(text));
  }

  /** The content words of {@code text} with their counts. */
  public static Map<String, Integer> words(String text) {
    Map<String, Integer> words = new LinkedHashMap<>();
    try (TokenStream tokens = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        if (term.length() > 1) {
          words.merge(term.toString(), 1, Integer::sum);
        }
      }
      tokens.end();
    } catch (IOException e) {
      // Reading a String cannot fail; Lucene's signature says it could.
      throw new UncheckedIOException(e);
    }
    return words;
  }

  private static CharArraySet stopWords() {
    CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    stop.addAll(SPOKEN_FILLER);
    return CharArraySet.unmodifiableSet(stop);
  }
}

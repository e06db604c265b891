package dev.earshot.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * English sentences, tokens and part-of-speech tags, from Apache OpenNLP (2.5) with its
 * Apache-licensed English models trained on the Universal Dependencies English Web Treebank (Maven
 * Central {@code org.apache.opennlp:opennlp-models-{sentdetect,tokenizer,pos}-en:1.3.0}).
 *
 * <p>The models are read once per JVM ({@link #shared()}); OpenNLP's {@code *ME} classes keep state
 * between calls and are not thread-safe, so each thread gets its own detector, tokenizer and tagger
 * over the shared, immutable models. Safe for concurrent use.
 */
public final class EnglishText {

  static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
  static final String TOKEN_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
  static final String POS_MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

  private static final class Shared {
    static final EnglishText INSTANCE = new EnglishText();
  }

  private final ThreadLocal<SentenceDetectorME> sentences;
  private final ThreadLocal<TokenizerME> tokenizers;
  private final ThreadLocal<POSTaggerME> taggers;

  private EnglishText() {
    SentenceModel sentenceModel = load(SENTENCE_MODEL, SentenceModel::new);
    TokenizerModel tokenModel = load(TOKEN_MODEL, TokenizerModel::new);
    POSModel posModel = load(POS_MODEL, POSModel::new);
    sentences = ThreadLocal.withInitial(() -> new SentenceDetectorME(sentenceModel));
    tokenizers = ThreadLocal.withInitial(() -> new TokenizerME(tokenModel));
    taggers = ThreadLocal.withInitial(() -> new POSTaggerME(posModel, POSTagFormat.UD));
  }

  /**
   * The analyser of this JVM; the first call reads the three models from the classpath (about 1.5
   * MB, well under a second).
   *
   * @throws UncheckedIOException when a model jar is missing from the classpath
   */
  public static EnglishText shared() {
    return Shared.INSTANCE;
  }

  /** The sentences of a text, as OpenNLP's sentence detector splits it, trimmed. */
  public List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : sentences.get().sentDetect(text)) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** The tokens of one sentence with their UPOS tags and character offsets in {@code sentence}. */
  public List<Token> tag(String sentence) {
    Span[] spans = tokenizers.get().tokenizePos(sentence);
    String[] words = Span.spansToStrings(spans, sentence);
    String[] tags = taggers.get().tag(words);
    List<Token> out = new ArrayList<>(words.length);
    for (int i = 0; i < words.length; i++) {
      out.add(new Token(words[i], tags[i], spans[i].getStart(), spans[i].getEnd()));
    }
    return out;
  }

  private interface Reader<M> {
    M read(InputStream in) throws IOException;
  }

  private static <M> M load(String resource, Reader<M> reader) {
    try (InputStream in = EnglishText.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("OpenNLP model " + resource + " is not on the classpath"));
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read OpenNLP model " + resource, e);
    }
  }
}

package dev.earshot.dedup.similarity;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How rare each content word is among a set of documents (for dedup: an org's mentions), as an
 * inverse document frequency: {@code idf(w) = ln((1 + N) / (1 + df(w))) + 1}, the smoothed form
 * scikit-learn's {@code TfidfVectorizer} uses (N documents, df(w) of them holding w). A word never
 * seen is as rare as can be; with no documents every word weighs 1. Thread-safe; documents are only
 * added.
 */
public final class TermRarity {

  private final ConcurrentHashMap<String, AtomicLong> documentFrequency = new ConcurrentHashMap<>();
  private final AtomicLong documents = new AtomicLong();

  /** Counts one document holding these words (each counted once). */
  public void add(Collection<String> words) {
    documents.incrementAndGet();
    for (String w : Set.copyOf(words)) {
      documentFrequency.computeIfAbsent(w, k -> new AtomicLong()).incrementAndGet();
    }
  }

  /** Documents counted so far. */
  public long documents() {
    return documents.get();
  }

  /** The word's weight, at least 1. */
  public double idf(String word) {
    AtomicLong df = documentFrequency.get(word);
    long n = documents.get();
    long d = df == null ? 0 : Math.min(df.get(), n);
    return Math.log((1.0 + n) / (1.0 + d)) + 1.0;
  }
}

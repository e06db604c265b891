package dev.earshot.extraction.model.llm;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.NormalisingCall;
import dev.earshot.extraction.detect.Exemplar;
import dev.earshot.extraction.detect.LexicalGate;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.model.Taxonomy;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.provider.LlmSettings;
import dev.earshot.testing.eval.CorpusCalls;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A realistic call, its digest and the settings the adapter tests share. */
final class LlmTestCalls {

  static final LexicalGate GATE = LexicalGate.train(Exemplar.builtIn());
  static final Taxonomy TAXONOMY =
      new Organising(Organising.DEFAULT_BOARDS, Map.of()).taxonomy("org", FeatureAreas.DEFAULTS);

  private LlmTestCalls() {}

  /** A 30+ minute simulated call with planted feedback. */
  static NormalisedCall longCallWithFeedback() {
    CorpusCall c =
        Corpus.generate(5, 60, Instant.parse("2026-11-01T00:00:00Z")).calls().stream()
            .filter(x -> !x.planted().isEmpty() && x.durationSeconds() > 1_800)
            .findFirst()
            .orElseThrow();
    return NormalisingCall.normalise(CorpusCalls.toCall(c, "org"));
  }

  static LlmSettings settings(String baseUrl, String path, String authHeader, Duration timeout) {
    return new LlmSettings(
        baseUrl,
        path,
        "sk-test",
        authHeader,
        "test-model",
        timeout,
        2,
        1000,
        new BigDecimal("0.15"),
        new BigDecimal("0.60"));
  }

  /** An answer in the schema quoting the digest's first customer sentence. */
  static String itemsJson(int quoteId) {
    return itemsJson(quoteId, "Bulk edit");
  }

  /** The same answer with the model's title given (JSON-escaped by the caller if need be). */
  static String itemsJson(int quoteId, String title) {
    return """
        {"items":[{"kind":"feature_request","title":"%s","description":"Wants to edit many at once.",\
        "sentiment":"neutral","priority":"high","feature_area":"Workflow & automation","pain_points":["Takes hours"],\
        "quote_ids":[%d],"board":"Product feedback","category":"Feature requests"}]}"""
        .formatted(title, quoteId);
  }
}

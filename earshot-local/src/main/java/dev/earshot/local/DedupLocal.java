package dev.earshot.local;

import dev.earshot.dedup.DedupApplication;
import dev.earshot.dedup.outbox.OutboxPublisher;
import dev.earshot.dedup.post.BoardMetrics;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.corpus.BoardTruth;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How dedup-service runs in the local stack: its database, the embedded index in the data
 * directory, and the issuer key shared with ingest-service. In {@code --once} it is done when every
 * item extraction published is on the board and every post event is published; the board and its
 * merge suggestions are then scored against the simulator's ground truth.
 */
final class DedupLocal {

  static final Class<?> APP = DedupApplication.class;
  private static final JsonMapper json = JsonMapper.builder().build();

  private DedupLocal() {}

  static Map<String, Object> properties(LocalContext local) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "spring.autoconfigure.exclude",
        SharedClasspath.exclusionsFor(
            Set.of(SharedClasspath.Uses.JDBC, SharedClasspath.Uses.SECURITY)));
    props.put("spring.datasource.url", local.jdbcUrl("dedup") + "&currentSchema=dedup");
    props.put("spring.datasource.username", "postgres");
    props.put("earshot.dedup.index.lucene.path", local.dataDir().resolve("dedup-index").toString());
    props.put("earshot.security.local-issuer-key-file", local.issuerKeyFile().toString());
    return props;
  }

  static Map<String, Object> consolidateDemoItems(
      ConfigurableApplicationContext app, LocalContext local) {
    long items = Long.parseLong(local.require(ExtractionLocal.ITEMS_PUBLISHED));
    MeterRegistry meters = app.getBean(MeterRegistry.class);
    OutboxPublisher outbox = app.getBean(OutboxPublisher.class);
    Waiting.until(
        () -> count(meters, BoardMetrics.ITEMS) >= items && outbox.pending() == 0,
        Duration.ofMillis(Math.max(120_000, items * 200)),
        "deduplication");
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    GongSimulator gong = local.shared(GongSimulator.class);
    // Your own calls have no planted requests to score the board against: the rates are null.
    List<BoardTruth.Suggestion<UUID>> suggested =
        jdbc.sql("select post_id, candidate_id from merge_suggestion order by created_at")
            .query(
                (rs, n) ->
                    new BoardTruth.Suggestion<>(
                        rs.getObject("post_id", UUID.class),
                        rs.getObject("candidate_id", UUID.class)))
            .list();
    BoardTruth.Review review =
        gong.servesDirectory() ? null : BoardTruth.review(groundTruthLabels(jdbc, gong), suggested);
    BoardTruth.Figures truth = review == null ? null : review.before();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put(
        "posts",
        jdbc.sql("select count(*) from post where merged_into is null").query(Long.class).single());
    figures.put("mentions", jdbc.sql("select count(*) from mention").query(Long.class).single());
    figures.put("duplicate_post_rate", truth == null ? null : round(truth.duplicatePostRate()));
    figures.put("over_merge_rate", truth == null ? null : round(truth.overMergeRate()));
    figures.put("requests_on_board", truth == null ? null : truth.requests());
    // merge suggestions recorded, the share joining twins, and the board once a reviewer accepted
    // every correct one (no one reviews during the run: the figures say what review would give)
    figures.put("suggestions", suggested.size());
    figures.put("suggestion_precision", review == null ? null : round(review.precision()));
    figures.put(
        "duplicate_post_rate_after_review",
        review == null ? null : round(review.after().duplicatePostRate()));
    figures.put(
        "over_merge_rate_after_review",
        review == null ? null : round(review.after().overMergeRate()));
    figures.put("post_events", (long) meters.counter("earshot.dedup.outbox.published").count());
    return figures;
  }

  /** For each post, the planted request each of its mentions quotes (none: not labelled). */
  private static Map<UUID, List<String>> groundTruthLabels(JdbcClient jdbc, GongSimulator gong) {
    Corpus corpus = gong.corpus();
    Map<UUID, List<String>> labels = new LinkedHashMap<>();
    jdbc.sql("select post_id, call_id, quotes::text quotes from mention order by created_at")
        .query(
            rs -> {
              UUID post = rs.getObject("post_id", UUID.class);
              List<String> postLabels = labels.computeIfAbsent(post, p -> new ArrayList<>());
              CorpusCall call = corpus.call(rs.getString("call_id"));
              if (call == null) {
                return;
              }
              Set<String> quoted = new HashSet<>();
              for (JsonNode q : json.readTree(rs.getString("quotes"))) {
                quoted.add(q.path("text").asString());
              }
              BoardTruth.requestQuoted(call, quoted).ifPresent(postLabels::add);
            });
    return labels;
  }

  private static long count(MeterRegistry meters, String name) {
    return (long) meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}

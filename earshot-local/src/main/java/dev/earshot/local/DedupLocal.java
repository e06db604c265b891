package dev.earshot.local;

import dev.earshot.dedup.DedupApplication;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.corpus.BoardTruth;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How dedup-service runs in the local stack: its database, the embedded index in the data
 * directory, and the issuer key shared with ingest-service. In {@code --once} it is done when every
 * item extraction published is on the board and every post event is published; the board and its
 * merge suggestions are then scored against the simulator's ground truth.
 */
final class DedupLocal {

  static final Class<?> APP = DedupApplication.class;
  static final String NAME = "dedup_service";
  static final String MODULE = "dedup-service";
  private static final String ITEMS = Metrics.counter("earshot.dedup.items");
  private static final String OUTBOX_PENDING = Metrics.gauge("earshot.dedup.outbox.pending");
  private static final String POST_EVENTS = Metrics.counter("earshot.dedup.outbox.published");
  private static final int PAGE = 100;

  private DedupLocal() {}

  static Map<String, Object> properties(LocalContext local) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.datasource.url", local.jdbcUrl("dedup") + "&currentSchema=dedup");
    props.put("spring.datasource.username", "postgres");
    props.put("earshot.dedup.index.lucene.path", local.dataDir().resolve("dedup-index").toString());
    props.put("earshot.security.local-issuer-key-file", local.issuerKeyFile().toString());
    return props;
  }

  /**
   * Waits until every item extraction published is on the board and every post event is out
   * (dedup-service's {@code /actuator/prometheus}), then reads the board through its API (posts,
   * their mentions' quotes, open merge suggestions) and scores it against the simulator's ground
   * truth.
   */
  static Map<String, Object> consolidateDemoItems(LocalContext local) {
    long items = Long.parseLong(local.require(ExtractionLocal.ITEMS_PUBLISHED));
    ServiceHttp dedup = ServiceHttp.of(local, NAME, local.require(IngestLocal.ADMIN_TOKEN));
    Waiting.until(
        local,
        () -> {
          Metrics meters = dedup.metrics();
          return meters.count(ITEMS) >= items && meters.count(OUTBOX_PENDING) == 0;
        },
        Duration.ofMillis(Math.max(120_000, items * 200)),
        "deduplication");
    GongSimulator gong = local.shared(GongSimulator.class);
    List<JsonNode> posts = pages(dedup, "/api/v1/posts?sort=mentions");
    // Your own calls have no planted requests to score the board against: the rates are null.
    List<BoardTruth.Suggestion<UUID>> suggested =
        pages(dedup, "/api/v1/posts/suggestions").stream()
            .sorted(Comparator.comparing(s -> s.path("createdAt").asString()))
            .map(
                s ->
                    new BoardTruth.Suggestion<>(
                        UUID.fromString(s.path("post").path("id").asString()),
                        UUID.fromString(s.path("candidate").path("id").asString())))
            .toList();
    List<JsonNode> mentions = mentions(dedup, posts);
    BoardTruth.Review review =
        gong.servesDirectory()
            ? null
            : BoardTruth.review(groundTruthLabels(mentions, gong), suggested);
    BoardTruth.Figures truth = review == null ? null : review.before();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("posts", (long) posts.size());
    figures.put("mentions", (long) mentions.size());
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
    figures.put("post_events", dedup.metrics().count(POST_EVENTS));
    return figures;
  }

  /** Every element of a paged list ({@code items}, {@code page}, {@code size}, {@code total}). */
  private static List<JsonNode> pages(ServiceHttp dedup, String path) {
    List<JsonNode> all = new ArrayList<>();
    String sep = path.contains("?") ? "&" : "?";
    for (int page = 0; ; page++) {
      JsonNode answer = dedup.get(path + sep + "size=" + PAGE + "&page=" + page);
      answer.path("items").forEach(all::add);
      if (answer.path("items").size() < PAGE || all.size() >= answer.path("total").asLong()) {
        return all;
      }
    }
  }

  /**
   * The mentions of every post ({@code GET /api/v1/posts/{id}}), each with its post's id under
   * {@code postId}, oldest first.
   */
  private static List<JsonNode> mentions(ServiceHttp dedup, List<JsonNode> posts) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode post : posts) {
      String id = post.path("id").asString();
      for (JsonNode m : dedup.get("/api/v1/posts/" + id).path("mentions")) {
        all.add(((ObjectNode) m.deepCopy()).put("postId", id));
      }
    }
    all.sort(Comparator.comparing(m -> Instant.parse(m.path("addedAt").asString())));
    return all;
  }

  /** For each post, the planted request each of its mentions quotes (none: not labelled). */
  private static Map<UUID, List<String>> groundTruthLabels(
      List<JsonNode> mentions, GongSimulator gong) {
    Corpus corpus = gong.corpus();
    Map<UUID, List<String>> labels = new LinkedHashMap<>();
    for (JsonNode m : mentions) {
      UUID post = UUID.fromString(m.path("postId").asString());
      List<String> postLabels = labels.computeIfAbsent(post, p -> new ArrayList<>());
      CorpusCall call = corpus.call(m.path("callId").asString());
      if (call == null) {
        continue;
      }
      Set<String> quoted = new HashSet<>();
      for (JsonNode q : m.path("quotes")) {
        quoted.add(q.path("text").asString());
      }
      BoardTruth.requestQuoted(call, quoted).ifPresent(postLabels::add);
    }
    return labels;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}

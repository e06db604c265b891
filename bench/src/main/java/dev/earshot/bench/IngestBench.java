package dev.earshot.bench;

import dev.earshot.local.LocalComponents;
import dev.earshot.local.LocalStack;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 60-day backfill of a simulated workspace (default 20,000 calls, ~5 % private, ~5 % late
 * transcripts) through the real ingest-service, PostgreSQL and an in-JVM broker, against the Gong
 * simulator enforcing 3 requests/s. Prints Gong requests per ingested call (a naive client needs 2:
 * one metadata and one transcript request per call), 429s, wall time and calls/s.
 */
final class IngestBench {

  private IngestBench() {}

  static Map<String, Object> run(Bench.Args args) throws Exception {
    int calls = args.integer("calls", 20_000);
    long seed = args.integer("seed", 42);
    List<dev.earshot.local.LocalComponent> components =
        List.of(
            LocalComponents.kafka(0, 0, 3),
            LocalComponents.postgres(List.of("ingest")),
            LocalComponents.topics(3),
            LocalComponents.gongSimulator(0, calls, seed),
            LocalComponents.webhookGateway(0),
            LocalComponents.ingestService(0, 0.0));
    Bench.say("ingest: %,d simulated calls over 60 days, seed %d; backfill only", calls, seed);
    try (LocalStack stack =
        new LocalStack(components, Files.createTempDirectory("earshot-bench-"), true)) {
      stack.start();
      Map<String, Object> once = stack.runOnce();
      long published = (Long) once.get("calls_published");
      long requests = (Long) once.get("gong_requests");
      long ms = (Long) once.get("ingest_ms");
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("calls", calls);
      figures.put("calls_published", published);
      figures.put("calls_private_skipped", once.get("calls_private_skipped"));
      figures.put("calls_pending", once.get("calls_pending"));
      figures.put("calls_gave_up", once.get("calls_gave_up"));
      figures.put("gong_requests", requests);
      figures.put("requests_per_ingested_call", round(requests / (double) published, 4));
      figures.put("gong_429s", once.get("gong_rate_limited"));
      figures.put("wall_s", round(ms / 1000.0, 1));
      figures.put("calls_per_s", round(published / (ms / 1000.0), 1));
      Bench.say(
          "  published %,d, private %s, pending %s, gave up %s",
          published,
          once.get("calls_private_skipped"),
          once.get("calls_pending"),
          once.get("calls_gave_up"));
      Bench.say(
          "  Gong requests %,d = %.4f per ingested call (goal <= 0.035; naive 2.0); 429s %s",
          requests, requests / (double) published, once.get("gong_rate_limited"));
      Bench.say(
          "  wall %.1f s from connect to settled, %.1f calls/s",
          ms / 1000.0, published / (ms / 1000.0));
      return figures;
    }
  }

  static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}

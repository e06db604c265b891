package dev.earshot.local;

import dev.earshot.events.Topics;
import dev.earshot.gong.simulator.GongSimulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The end of a {@code --once} run: what it shows about the promises (nothing private
 * leaked, nothing lost, bad calls parked, nothing dead-lettered), read from where anyone could read
 * it: the simulator's admin API (ground truth, private ids named in transcript requests),
 * ingest-service's API ({@code GET …/ingestion}: failed calls with reasons) and the broker
 * (gong.calls.v1's keys, every {@code .dlt} topic). It runs after every service has settled.
 */
final class RunAudit implements LocalComponent {

  private static final Logger log = LoggerFactory.getLogger(RunAudit.class);

  @Override
  public String name() {
    return "run_audit";
  }

  @Override
  public void start(LocalContext context) {}

  @Override
  public Map<String, Object> runOnce(LocalContext local) {
    GongSimulator gong = local.shared(GongSimulator.class);
    IngestApi ingest =
        new IngestApi(
            ServiceHttp.of(local, IngestLocal.NAME, local.require(IngestLocal.ADMIN_TOKEN)));
    List<Map<String, Object>> truth = local.shared(ExpectedCalls.class).calls();
    Map<String, Long> published = TopicRecords.countsByKey(local.kafkaBootstrap(), Topics.CALLS);
    Map<String, String> failed = new LinkedHashMap<>();
    for (JsonNode call : ingest.ingestion().path("failedCalls")) {
      failed.put(call.path("callId").asString(), call.path("reason").asString(""));
    }

    Map<String, String> planted = new TreeMap<>();
    Map<String, String> unexpected = new TreeMap<>();
    for (Map<String, Object> call : truth) {
      String id = (String) call.get("call_id");
      String expected = (String) call.get("expected");
      long times = published.getOrDefault(id, 0L);
      String ended =
          failed.containsKey(id)
              ? "failed"
              : times == 1 ? "published" : times > 1 ? "published " + times + " times" : "private";
      if ("failed".equals(expected)) {
        planted.put(id, failed.get(id));
      }
      if (!ended.equals(expected)) {
        unexpected.put(id, "expected " + expected + ", ended " + ended);
      }
    }
    if (!unexpected.isEmpty()) {
      log.atWarn()
          .addKeyValue("calls", unexpected.size())
          .addKeyValue("first", unexpected.entrySet().stream().limit(20).toList())
          .log("calls did not end as the ground truth expects");
    }

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("private_transcript_requests", gong.privateTranscriptRequests().size());
    figures.put(
        "calls_published_more_than_once", published.values().stream().filter(n -> n > 1).count());
    figures.put("calls_not_as_expected", unexpected.size());
    figures.put(
        "failed_as_planted",
        planted.keySet().equals(failed.keySet())
            && planted.values().stream().allMatch(r -> r != null && !r.isBlank()));
    figures.put("planted_failures", planted);
    Map<String, Long> deadLetters = new TreeMap<>();
    for (Topics.Topic topic : Topics.ALL) {
      deadLetters.put(
          topic.deadLetterName(),
          TopicRecords.count(local.kafkaBootstrap(), topic.deadLetterName()));
    }
    figures.put("dead_letters", deadLetters);
    return figures;
  }

  @Override
  public Map<String, Object> facts() {
    return Map.of();
  }

  @Override
  public void close() {}
}

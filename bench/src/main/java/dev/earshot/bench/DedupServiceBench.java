package dev.earshot.bench;

import dev.earshot.bench.eval.DedupEval;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.local.LocalComponent;
import dev.earshot.local.LocalComponents;
import dev.earshot.local.LocalStack;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Items per second through the whole dedup-service (consume, embed, search, PostgreSQL transaction,
 * index upsert, outbox published to Kafka) on this machine: the simulator's extracted items, copied
 * into several orgs so partitions run in parallel as they would for many tenants, published at
 * once; done when every item is a mention and every post event is acknowledged.
 */
final class DedupServiceBench {

  private DedupServiceBench() {}

  static Map<String, Object> run(Bench.Args args, List<DedupEval.Labelled> corpusItems)
      throws Exception {
    int wanted = args.integer("service-items", 6_000);
    int orgs = (int) Math.ceil(wanted / (double) corpusItems.size());
    List<LocalComponent> components =
        List.of(
            LocalComponents.kafka(0, 0, 3),
            LocalComponents.postgres(List.of("dedup")),
            LocalComponents.topics(3),
            LocalComponents.dedupService(0));
    try (LocalStack stack =
        new LocalStack(components, Files.createTempDirectory("earshot-bench-"), true)) {
      stack.start();
      String jdbc = stack.context().jdbcUrl("dedup") + "&currentSchema=dedup";
      long began = System.nanoTime();
      int sent = 0;
      try (var producer =
          new KafkaProducer<String, SpecificRecord>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  stack.context().kafkaBootstrap(),
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.LINGER_MS_CONFIG,
                  5),
              new StringSerializer(),
              new AvroEventSerializer())) {
        for (int o = 0; o < orgs && sent < wanted; o++) {
          for (DedupEval.Labelled labelled : corpusItems) {
            if (sent == wanted) {
              break;
            }
            FeedbackItem item =
                FeedbackItem.newBuilder(labelled.item())
                    .setOrgId("bench-org-" + o)
                    .setItemId(labelled.item().getItemId() + "-" + o)
                    .build();
            producer.send(new ProducerRecord<>(Topics.FEEDBACK_ITEMS, item.getOrgId(), item));
            sent++;
          }
        }
        producer.flush();
      }
      long mentions = 0;
      long pending = Long.MAX_VALUE;
      long deadline = System.nanoTime() + java.time.Duration.ofMinutes(30).toNanos();
      try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
        while ((mentions < sent || pending > 0) && System.nanoTime() < deadline) {
          Thread.sleep(250);
          mentions = single(db, "select count(*) from mention");
          pending = single(db, "select count(*) from outbox where published_at is null");
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long posts = single(db, "select count(*) from post where merged_into is null");
        Bench.say(
            "  service: %,d items of %d orgs through dedup-service in %.1f s = %.0f items/s on %d cores (%,d posts, %,d events pending)",
            mentions,
            orgs,
            seconds,
            mentions / seconds,
            Runtime.getRuntime().availableProcessors(),
            posts,
            pending);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", mentions);
        m.put("orgs", orgs);
        m.put("seconds", Math.round(seconds * 10) / 10.0);
        m.put("items_per_s", Math.round(mentions / seconds));
        m.put("posts", posts);
        m.put("events_pending", pending);
        return m;
      }
    }
  }

  private static long single(Connection db, String sql) throws Exception {
    try (ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

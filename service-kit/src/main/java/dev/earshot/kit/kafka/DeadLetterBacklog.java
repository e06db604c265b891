package dev.earshot.kit.kafka;

import dev.earshot.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * How many records wait in each dead-letter topic this service writes to ({@code <topic>.dlt} of
 * every topic its listeners consume), not yet redriven by {@code ./earshot dlt replay}: per
 * partition, its end offset minus the replay's committed offset (consumer group {@value
 * DeadLetterReplay#GROUP_PREFIX}{@code <dlt>}), or minus its earliest offset when nothing was
 * replayed or retention removed records. Exact because dead letters are written without
 * transactions (no commit markers between records). Exported as the gauge {@value #METRIC}{@code
 * {topic=<dlt>}}, re-read every {@code earshot.kafka.dead-letters.backlog-interval}; a topic that
 * does not exist yet counts 0. Unlike the dead-letter counter, it survives restarts and goes back
 * to 0 only when the records are replayed: the "dead-letter topic not empty" alert reads it.
 */
public final class DeadLetterBacklog implements SmartLifecycle {

  /** The gauge: records waiting in a dead-letter topic, tag {@code topic} = the DLT's name. */
  public static final String METRIC = "earshot.kafka.dead.letters.pending";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterBacklog.class);
  private static final Duration ANSWER = Duration.ofSeconds(20);

  private final Map<String, Object> adminConfig;
  private final Supplier<Set<String>> consumedTopics;
  private final MeterRegistry meters;
  private final Duration interval;
  private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService scheduler;
  private volatile Admin admin;
  private volatile boolean running;
  private volatile boolean stopped;

  /**
   * @param clientConfig Kafka client settings ({@code bootstrap.servers}, security); only what an
   *     admin client needs is read from it
   * @param consumedTopics the topics this service's listeners consume (read at each check, so
   *     listeners started later count)
   * @param meters where the gauges go
   * @param interval time between two reads of the offsets
   */
  public DeadLetterBacklog(
      Map<String, Object> clientConfig,
      Supplier<Set<String>> consumedTopics,
      MeterRegistry meters,
      Duration interval) {
    this.adminConfig = adminConfig(clientConfig);
    this.consumedTopics = consumedTopics;
    this.meters = meters;
    this.interval = interval;
  }

  /** The last count of each dead-letter topic, by name; empty before the first check. */
  public Map<String, Long> pending() {
    Map<String, Long> out = new LinkedHashMap<>();
    new TreeSet<>(pending.keySet()).forEach(dlt -> out.put(dlt, pending.get(dlt).get()));
    return out;
  }

  /**
   * Reads every dead-letter topic's offsets now and updates the gauges.
   *
   * @return the counts, by dead-letter topic
   */
  public synchronized Map<String, Long> check() {
    if (stopped) {
      return pending();
    }
    Admin admin = this.admin;
    if (admin == null) {
      admin = Admin.create(adminConfig);
      this.admin = admin;
      if (stopped) {
        this.admin = null;
        admin.close(Duration.ZERO);
        return pending();
      }
    }
    Set<String> dlts = new TreeSet<>();
    for (String topic : consumedTopics.get()) {
      if (!topic.endsWith(DeadLetterReplay.DLT_SUFFIX)) {
        dlts.add(Topics.deadLetterOf(topic));
      }
    }
    for (String dlt : dlts) {
      try {
        gauge(dlt).set(count(admin, dlt));
      } catch (ExecutionException | TimeoutException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          gauge(dlt).set(0);
        } else if (!stopped) {
          // Kept as it was: a broker outage must not look like an emptied topic.
          log.atWarn()
              .addKeyValue("deadLetterTopic", dlt)
              .setCause(e)
              .log("dead-letter backlog not read");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return pending();
  }

  private static long count(Admin admin, String dlt)
      throws ExecutionException, InterruptedException, TimeoutException {
    TopicDescription topic =
        admin
            .describeTopics(List.of(dlt))
            .allTopicNames()
            .get(seconds(), TimeUnit.SECONDS)
            .get(dlt);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    topic
        .partitions()
        .forEach(
            p -> {
              latest.put(new TopicPartition(dlt, p.partition()), OffsetSpec.latest());
              earliest.put(new TopicPartition(dlt, p.partition()), OffsetSpec.earliest());
            });
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(seconds(), TimeUnit.SECONDS);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
        admin.listOffsets(earliest).all().get(seconds(), TimeUnit.SECONDS);
    Map<TopicPartition, OffsetAndMetadata> replayed =
        admin
            .listConsumerGroupOffsets(DeadLetterReplay.GROUP_PREFIX + dlt)
            .partitionsToOffsetAndMetadata()
            .get(seconds(), TimeUnit.SECONDS);
    long total = 0;
    for (TopicPartition partition : latest.keySet()) {
      long end = ends.get(partition).offset();
      long from = starts.get(partition).offset();
      OffsetAndMetadata committed = replayed.get(partition);
      if (committed != null) {
        from = Math.max(from, committed.offset());
      }
      total += Math.max(0, end - from);
    }
    return total;
  }

  private AtomicLong gauge(String dlt) {
    return pending.computeIfAbsent(
        dlt,
        name -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(METRIC, value, AtomicLong::get)
              .description("Records in a dead-letter topic not yet replayed")
              .tag("topic", name)
              .register(meters);
          return value;
        });
  }

  private static long seconds() {
    return ANSWER.toSeconds();
  }

  private static Map<String, Object> adminConfig(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>();
    clientConfig.forEach(
        (key, value) -> {
          if (key.equals("bootstrap.servers")
              || key.startsWith("security.")
              || key.startsWith("sasl.")
              || key.startsWith("ssl.")) {
            config.put(key, value);
          }
        });
    config.put("client.id", "earshot-dlt-backlog");
    return config;
  }

  @Override
  public synchronized void start() {
    running = true;
    stopped = false;
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "earshot-dlt-backlog");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      if (!stopped) {
        log.atWarn().setCause(e).log("dead-letter backlog check failed");
      }
    }
  }

  /**
   * Stops at once, without waiting for a check in flight: its admin client is closed under it (the
   * check then fails quietly), so a service whose broker is already gone closes without delay.
   */
  @Override
  public void stop() {
    running = false;
    stopped = true;
    ScheduledExecutorService stopping = scheduler;
    scheduler = null;
    if (stopping != null) {
      stopping.shutdownNow();
    }
    Admin closing = admin;
    admin = null;
    if (closing != null) {
      closing.close(Duration.ZERO);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}

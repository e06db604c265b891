package dev.earshot.extraction.directory;

import dev.earshot.events.Company;
import dev.earshot.events.Topics;
import dev.earshot.extraction.company.CompanyDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Reads the whole compacted topic crm.companies.v1 into the {@link CompanyDirectory} at start and
 * keeps applying it while the replica runs: a {@link Company} puts its company, a tombstone removes
 * whatever its key held. No consumer group: every replica assigns itself every partition from the
 * beginning (a compacted topic holds one record per company, so a start reads thousands of records,
 * not history). The directory is marked loaded once this reader reached the end each partition had
 * when it began; until then calls wait ({@link CompanyDirectory#awaitLoaded}). A record that cannot
 * be decoded is logged and skipped, never taken for a tombstone.
 */
@Component
class CompanyDirectoryListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CompanyDirectoryListener.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration AFTER_FAILURE = Duration.ofSeconds(2);

  private final ConsumerFactory<String, SpecificRecord> consumers;
  private final CompanyDirectory directory;
  private volatile boolean running;
  private volatile Consumer<String, SpecificRecord> consumer;
  private Thread thread;

  CompanyDirectoryListener(
      ConsumerFactory<String, SpecificRecord> consumers,
      CompanyDirectory directory,
      MeterRegistry meters) {
    this.consumers = consumers;
    this.directory = directory;
    Gauge.builder("earshot.companies.directory.loaded", directory, d -> d.isLoaded() ? 1 : 0)
        .description("1 once this replica read crm.companies.v1 up to its end at start")
        .register(meters);
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().daemon().name("company-directory").start(this::readForever);
  }

  @Override
  public void stop() {
    running = false;
    Consumer<String, SpecificRecord> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the listener containers (which wait for the directory), after the broker config. */
  @Override
  public int getPhase() {
    return 0;
  }

  private void readForever() {
    while (running) {
      try (Consumer<String, SpecificRecord> c =
          consumers.createConsumer(null, "extraction-companies", null)) {
        consumer = c;
        read(c);
      } catch (WakeupException stopping) {
        return;
      } catch (RuntimeException failure) {
        log.atWarn()
            .addKeyValue("topic", Topics.COMPANIES)
            .setCause(failure)
            .log("reading the company directory failed; reading it again from the beginning");
        sleep(AFTER_FAILURE);
      } finally {
        consumer = null;
      }
    }
  }

  private void read(Consumer<String, SpecificRecord> c) {
    List<TopicPartition> partitions = List.of();
    while (running && partitions.isEmpty()) {
      partitions =
          c.partitionsFor(Topics.COMPANIES).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        log.atWarn().addKeyValue("topic", Topics.COMPANIES).log("topic not found yet; waiting");
        sleep(AFTER_FAILURE);
      }
    }
    c.assign(partitions);
    c.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = c.endOffsets(partitions);
    while (running) {
      for (ConsumerRecord<String, SpecificRecord> record : c.poll(POLL)) {
        apply(record);
      }
      if (!directory.isLoaded()
          && partitions.stream().allMatch(p -> c.position(p) >= end.getOrDefault(p, 0L))) {
        directory.markLoaded();
        log.atInfo()
            .addKeyValue("companies", directory.sizes())
            .log("company directory loaded from " + Topics.COMPANIES);
      }
    }
  }

  private void apply(ConsumerRecord<String, SpecificRecord> record) {
    if (record.key() == null) {
      return;
    }
    Header failed =
        record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER);
    if (failed != null || (record.value() != null && !(record.value() instanceof Company))) {
      log.atError()
          .addKeyValue("topic", record.topic())
          .addKeyValue("partition", record.partition())
          .addKeyValue("offset", record.offset())
          .log("a record of the company directory is not a Company; skipped");
      return;
    }
    if (record.value() == null) {
      directory.remove(record.key());
    } else {
      directory.put(record.key(), CompanyRecords.known((Company) record.value()));
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.earshot.gateway.connection;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies records of gong.connections.v1 to the {@link ConnectionTable} in offset order. A record
 * that cannot be applied ({@link FeedRecord.Unreadable}) is set aside: counted in {@code
 * earshot.gateway.connections.unreadable{reason}} and logged with its partition and offset (never
 * its bytes), and the next record applies as usual. Every replica reads the topic whole, so nothing
 * is dead-lettered: one producer's record would otherwise be copied once per replica.
 */
final class ApplyingRecords {

  private static final Logger log = LoggerFactory.getLogger(ApplyingRecords.class);

  private final ConnectionTable table;
  private final MeterRegistry meters;

  ApplyingRecords(ConnectionTable table, MeterRegistry meters) {
    this.table = table;
    this.meters = meters;
  }

  void apply(ConsumerRecord<String, Object> record) {
    try {
      switch (FeedRecord.of(record.key(), record.value())) {
        case FeedRecord.Upsert upsert -> table.put(upsert.connectionId(), upsert.state());
        case FeedRecord.Removal removal -> table.remove(removal.connectionId());
        case FeedRecord.Unreadable unreadable -> setAside(record, unreadable);
      }
    } catch (RuntimeException unappliable) {
      setAside(
          record, new FeedRecord.Unreadable("unappliable", unappliable.getClass().getSimpleName()));
    }
  }

  private void setAside(ConsumerRecord<?, ?> record, FeedRecord.Unreadable unreadable) {
    meters
        .counter("earshot.gateway.connections.unreadable", "reason", unreadable.reason())
        .increment();
    log.atWarn()
        .addKeyValue("topic", record.topic())
        .addKeyValue("partition", record.partition())
        .addKeyValue("offset", record.offset())
        .addKeyValue("reason", unreadable.reason())
        .addKeyValue("detail", unreadable.detail())
        .log("set aside a record of the connection topic; the feed goes on");
  }
}

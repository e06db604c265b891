package dev.earshot.kit.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Tells {@link RetryingListeners} when a record of a retrying partition succeeds. Installed as the
 * listener factory's record and batch interceptors; a service that brings its own interceptor
 * replaces these (its retrying entries then expire instead of ending on success).
 */
final class ListenerSuccess {

  private ListenerSuccess() {}

  static final class OfRecords implements RecordInterceptor<Object, Object> {
    private final RetryingListeners retrying;

    OfRecords(RetryingListeners retrying) {
      this.retrying = retrying;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(
        ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
      return record;
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
      if (retrying.any()) {
        retrying.succeeded(
            consumer.groupMetadata().groupId(),
            new TopicPartition(record.topic(), record.partition()));
      }
    }
  }

  static final class OfBatches implements BatchInterceptor<Object, Object> {
    private final RetryingListeners retrying;

    OfBatches(RetryingListeners retrying) {
      this.retrying = retrying;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(
        ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
      return records;
    }

    @Override
    public void success(
        ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
      if (retrying.any()) {
        String group = consumer.groupMetadata().groupId();
        records.partitions().forEach(partition -> retrying.succeeded(group, partition));
      }
    }
  }
}

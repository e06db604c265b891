package dev.earshot.kit.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.EOSMode;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * For listeners that consume and produce in Kafka transactions: after a rolled-back record, the
 * same classification as {@link ClassifyingErrorHandler} (transient retried for as long as it
 * lasts, paused in between; poison dead-lettered at once; unexpected after {@code max-retries}),
 * and a dead-lettered record's offset committed in a new transaction, so the consumer moves on
 * exactly once. Batch listeners in transactions keep spring-kafka's behaviour (no Earshot service
 * has one).
 */
final class ClassifyingAfterRollbackProcessor
    extends DefaultAfterRollbackProcessor<Object, Object> {

  private final RecordRetries records;

  ClassifyingAfterRollbackProcessor(
      ConsumerRecordRecoverer recoverer,
      RetryBackOffs backOffs,
      FailureClassifier classifier,
      RetryingListeners retrying,
      ListenerPauses pauses,
      KafkaOperations<?, ?> template) {
    super(recoverer, backOffs.unexpected(), pauses.backOffHandler(), template, true);
    this.records = new RecordRetries(classifier, retrying);
    setBackOffFunction((record, failure) -> backOffs.of(classifier.classify(record, failure)));
  }

  @Override
  public void process(
      List<ConsumerRecord<Object, Object>> unprocessed,
      Consumer<Object, Object> consumer,
      MessageListenerContainer container,
      Exception exception,
      boolean recoverable,
      EOSMode eosMode) {
    if (!unprocessed.isEmpty() && records.failed(unprocessed.getFirst(), exception, container)) {
      super.clearThreadState();
    }
    super.process(unprocessed, consumer, container, exception, recoverable, eosMode);
  }

  @Override
  public void clearThreadState() {
    records.clearThreadState();
    super.clearThreadState();
  }
}

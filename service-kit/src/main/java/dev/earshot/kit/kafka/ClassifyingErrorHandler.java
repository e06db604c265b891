package dev.earshot.kit.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOffExecution;

/**
 * spring-kafka's {@link DefaultErrorHandler}, with each failure's backoff chosen by its {@link
 * Failure} class, waits spent paused instead of asleep ({@link ListenerPauses}), and batches that
 * are never dead-lettered whole for an outage or for one record:
 *
 * <ul>
 *   <li>record listener: the failed record is retried with its class's backoff; poison and
 *       exhausted unexpected failures go to the recoverer (the dead-letter topic);
 *   <li>batch listener, {@link BatchListenerFailedException} naming a record: the records before it
 *       are committed and it alone is classified as above;
 *   <li>batch listener, a failure that names no record: transient, the whole batch is retried for
 *       as long as the outage lasts; otherwise the batch is retried {@code max-retries} times and
 *       then every record of it goes to the recoverer, since nothing says which one failed.
 * </ul>
 */
final class ClassifyingErrorHandler extends DefaultErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ClassifyingErrorHandler.class);

  private record BatchRetry(
      Map<TopicPartition, Long> starts, Class<?> kind, BackOffExecution backOff) {}

  private final FailureClassifier classifier;
  private final RetryBackOffs backOffs;
  private final RetryingListeners retrying;
  private final ListenerPauses pauses;
  private final ConsumerRecordRecoverer recoverer;
  private final RecordRetries records;
  private final Map<Thread, BatchRetry> batches = new ConcurrentHashMap<>();

  ClassifyingErrorHandler(
      ConsumerRecordRecoverer recoverer,
      RetryBackOffs backOffs,
      FailureClassifier classifier,
      RetryingListeners retrying,
      ListenerPauses pauses) {
    super(recoverer, backOffs.unexpected(), pauses.backOffHandler());
    this.classifier = classifier;
    this.backOffs = backOffs;
    this.retrying = retrying;
    this.pauses = pauses;
    this.recoverer = recoverer;
    this.records = new RecordRetries(classifier, retrying);
    setBackOffFunction((record, failure) -> backOffs.of(classifier.classify(record, failure)));
  }

  @Override
  public void handleRemaining(
      Exception thrown,
      java.util.List<ConsumerRecord<?, ?>> remaining,
      Consumer<?, ?> consumer,
      MessageListenerContainer container) {
    if (!remaining.isEmpty() && records.failed(remaining.getFirst(), thrown, container)) {
      super.clearThreadState();
    }
    super.handleRemaining(thrown, remaining, consumer, container);
  }

  @Override
  public void handleBatch(
      Exception thrown,
      ConsumerRecords<?, ?> data,
      Consumer<?, ?> consumer,
      MessageListenerContainer container,
      Runnable invokeListener) {
    Optional<ConsumerRecord<?, ?>> named = namedRecord(thrown, data);
    if (named.isPresent()) {
      batches.remove(Thread.currentThread());
      if (records.failed(named.get(), thrown, container)) {
        super.clearThreadState();
      }
      super.handleBatch(thrown, data, consumer, container, invokeListener);
    } else {
      retryWholeBatch(thrown, data, consumer, container);
    }
  }

  /**
   * Seeks the batch back and pauses for the backoff (the container's next poll redelivers it), or,
   * once an unexpected failure's retries are spent, hands every record to the recoverer and
   * returns, so the container commits the batch.
   */
  private void retryWholeBatch(
      Exception thrown,
      ConsumerRecords<?, ?> data,
      Consumer<?, ?> consumer,
      MessageListenerContainer container) {
    Failure classified = classifier.classify(null, thrown);
    Failure failure =
        classified instanceof Failure.Transient ? classified : new Failure.Unexpected(thrown);
    Map<TopicPartition, Long> starts = new LinkedHashMap<>();
    for (TopicPartition partition : data.partitions()) {
      starts.put(partition, data.records(partition).getFirst().offset());
    }
    BatchRetry retry =
        batches.compute(
            Thread.currentThread(),
            (thread, old) ->
                old != null && old.starts().equals(starts) && old.kind() == failure.getClass()
                    ? old
                    : new BatchRetry(starts, failure.getClass(), backOffs.of(failure).start()));
    long wait = retry.backOff().nextBackOff();
    if (wait == BackOffExecution.STOP) {
      try {
        data.forEach(record -> recoverer.accept(record, thrown));
      } catch (RuntimeException e) {
        starts.forEach(consumer::seek);
        throw new KafkaException("dead-lettering a failed batch failed", e);
      }
      batches.remove(Thread.currentThread());
      return;
    }
    if (failure instanceof Failure.Transient t) {
      retrying.failed(
          RecordRetries.listener(container),
          RecordRetries.group(container),
          starts.keySet(),
          -1,
          t);
    } else {
      log.atWarn()
          .addKeyValue("listener", RecordRetries.listener(container))
          .addKeyValue("partitions", starts.keySet())
          .addKeyValue("exception", thrown.getClass().getName())
          .addKeyValue("retryInMs", wait)
          .setCause(thrown)
          .log("batch failed without naming a record, the whole batch is retried");
    }
    starts.forEach(consumer::seek);
    pauses.pause(container, Duration.ofMillis(wait));
    throw new KafkaException(
        "batch retried after " + failure.rule(), KafkaException.Level.DEBUG, thrown);
  }

  /** The record a {@link BatchListenerFailedException} names, when it is in the batch. */
  static Optional<ConsumerRecord<?, ?>> namedRecord(Exception thrown, ConsumerRecords<?, ?> data) {
    Optional<BatchListenerFailedException> failed =
        FailureClassifier.causes(thrown).stream()
            .filter(BatchListenerFailedException.class::isInstance)
            .map(BatchListenerFailedException.class::cast)
            .findFirst();
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    ConsumerRecord<?, ?> named = failed.get().getRecord();
    int index = 0;
    for (ConsumerRecord<?, ?> record : data) {
      boolean match =
          named == null
              ? index == failed.get().getIndex()
              : record.topic().equals(named.topic())
                  && record.partition() == named.partition()
                  && record.offset() == named.offset();
      if (match) {
        return Optional.of(record);
      }
      index++;
    }
    return Optional.empty();
  }

  @Override
  public void clearThreadState() {
    batches.remove(Thread.currentThread());
    records.clearThreadState();
    super.clearThreadState();
  }
}

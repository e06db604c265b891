package dev.earshot.kit.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What the record retries of one error handler share: each failure is classified and, when
 * transient, reported to {@link RetryingListeners}; and a record whose failure changes class (an
 * outage after a bug, a bug after an outage) restarts its retries with the new class's backoff.
 * spring-kafka restarts them only when the exception's class changes, which a batch listener's
 * {@code BatchListenerFailedException} never does.
 */
final class RecordRetries {

  private record Attempt(TopicPartition partition, long offset, Class<?> kind) {}

  private final FailureClassifier classifier;
  private final RetryingListeners retrying;
  private final Map<Thread, Attempt> last = new ConcurrentHashMap<>();

  RecordRetries(FailureClassifier classifier, RetryingListeners retrying) {
    this.classifier = classifier;
    this.retrying = retrying;
  }

  /**
   * @return true when the record failed before with another class of failure, so its retry state
   *     must restart
   */
  boolean failed(
      ConsumerRecord<?, ?> record, Exception thrown, MessageListenerContainer container) {
    Failure failure = classifier.classify(record, thrown);
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Attempt attempt = new Attempt(partition, record.offset(), failure.getClass());
    Attempt previous = last.put(Thread.currentThread(), attempt);
    if (failure instanceof Failure.Transient t) {
      retrying.failed(
          listener(container), group(container), List.of(partition), record.offset(), t);
    }
    return previous != null
        && previous.partition().equals(partition)
        && previous.offset() == record.offset()
        && previous.kind() != attempt.kind();
  }

  void clearThreadState() {
    last.remove(Thread.currentThread());
  }

  static String listener(MessageListenerContainer container) {
    return container == null || container.getListenerId() == null
        ? "unknown"
        : container.getListenerId();
  }

  static String group(MessageListenerContainer container) {
    return container == null || container.getGroupId() == null ? "" : container.getGroupId();
  }
}

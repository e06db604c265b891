package dev.earshot.dedup.outbox;

import java.util.Optional;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which publishing failures no retry can fix: a record larger than the producer's {@code
 * max.request.size} or the broker's {@code message.max.bytes} ({@link RecordTooLargeException},
 * {@link RecordBatchTooLargeException}), a record the broker refuses as invalid ({@link
 * InvalidRecordException}), and an event that cannot be decoded or encoded ({@link
 * SerializationException}). Anything else (timeouts, a broker or leader away, fencing) is transient
 * and retried in order.
 */
final class Unpublishable {

  private static final int LONGEST_REASON = 500;

  private Unpublishable() {}

  /** Why the failure can never be fixed by retrying, or empty when it is transient. */
  static Optional<String> reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RecordTooLargeException
          || t instanceof RecordBatchTooLargeException
          || t instanceof InvalidRecordException
          || t instanceof SerializationException) {
        String reason = t.getClass().getSimpleName() + ": " + t.getMessage();
        return Optional.of(
            reason.length() <= LONGEST_REASON ? reason : reason.substring(0, LONGEST_REASON));
      }
    }
    return Optional.empty();
  }
}

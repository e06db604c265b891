package dev.earshot.ingest.fetch;

import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.ingest.IngestProperties;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a batch's calls to gong.calls.v1 at once (keyed by call id, acks=all) and says, per call,
 * what Kafka did with it: acknowledged, refused for the record's own sake (too large, not
 * encodable, invalid: retrying the same record cannot help), or no answer within {@code
 * publishTimeout} (the broker's trouble, not the call's: it stays due).
 */
@Component
class CallPublisher {

  /**
   * What Kafka did with each call of a batch.
   *
   * @param acknowledged call ids Kafka acknowledged
   * @param refused call ids Kafka refused for the record's sake, with the reason
   * @param unanswered call ids that got no answer (timeout, broker unavailable)
   */
  record Sent(
      Set<String> acknowledged, Map<String, FetchOutcome.Unfit> refused, Set<String> unanswered) {}

  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final Duration timeout;

  CallPublisher(KafkaTemplate<String, SpecificRecord> kafka, IngestProperties properties) {
    this.kafka = kafka;
    this.timeout = properties.fetch().publishTimeout();
  }

  Sent send(Iterable<Call> calls) {
    Map<String, CompletableFuture<?>> sends = new LinkedHashMap<>();
    Map<String, FetchOutcome.Unfit> refused = new LinkedHashMap<>();
    Set<String> unanswered = new LinkedHashSet<>();
    for (Call call : calls) {
      try {
        sends.put(call.getCallId(), kafka.send(Topics.CALLS, call.getCallId(), call));
      } catch (KafkaException | org.springframework.kafka.KafkaException failure) {
        // the producer refuses some records at once (too large, not encodable); Spring wraps it
        FetchOutcome.Unfit unfit = recordsFault(failure);
        if (unfit == null) {
          unanswered.add(call.getCallId());
        } else {
          refused.put(call.getCallId(), unfit);
        }
      }
    }
    awaitAll(sends);
    Set<String> acknowledged = new HashSet<>();
    for (var send : sends.entrySet()) {
      CompletableFuture<?> future = send.getValue();
      if (future.isDone() && !future.isCompletedExceptionally()) {
        acknowledged.add(send.getKey());
        continue;
      }
      FetchOutcome.Unfit unfit = future.isDone() ? recordsFault(causeOf(future)) : null;
      if (unfit == null) {
        unanswered.add(send.getKey());
      } else {
        refused.put(send.getKey(), unfit);
      }
    }
    return new Sent(acknowledged, refused, unanswered);
  }

  private void awaitAll(Map<String, CompletableFuture<?>> sends) {
    try {
      CompletableFuture.allOf(sends.values().toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // read per send below: some may have been acknowledged
    }
  }

  private static Throwable causeOf(CompletableFuture<?> future) {
    try {
      future.getNow(null);
      return null;
    } catch (java.util.concurrent.CompletionException
        | java.util.concurrent.CancellationException e) {
      return e.getCause() == null ? e : e.getCause();
    }
  }

  /** The reason when the failure is the record's own fault; null when it is Kafka's. */
  static FetchOutcome.Unfit recordsFault(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      switch (t) {
        case RecordTooLargeException tooLarge -> {
          return new FetchOutcome.Unfit("too_large", "Kafka refused the Call record as too large");
        }
        case SerializationException notEncodable -> {
          return new FetchOutcome.Unfit("serialization", "the Call record cannot be encoded");
        }
        case InvalidRecordException invalid -> {
          return new FetchOutcome.Unfit(
              "refused_by_kafka", "Kafka refused the Call record as invalid");
        }
        default -> {}
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}

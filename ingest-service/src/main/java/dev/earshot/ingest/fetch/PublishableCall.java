package dev.earshot.ingest.fetch;

import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.calls.CallAssembly;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One call made ready for gong.calls.v1 on its own, before anything of its batch is sent: assembled
 * into the {@code Call} record and encoded with the events serializer (the bytes the producer will
 * send), within {@code maxBytes}. A call that fails any step is {@link FetchOutcome.Unfit} with the
 * reason, so it can never hold back its batch-mates. Reasons name the step and the exception type,
 * never the call's content.
 */
final class PublishableCall {

  private static final AvroEventSerializer ENCODER = new AvroEventSerializer();

  private PublishableCall() {}

  static FetchOutcome of(
      String connectionId,
      String orgId,
      ExtensiveCall call,
      CallTranscript transcript,
      Instant fetchedAt,
      long maxBytes) {
    CallAssembly.Assembled assembled;
    try {
      assembled = CallAssembly.assembled(connectionId, orgId, call, transcript, fetchedAt);
    } catch (RuntimeException failure) { // the boundary of one call: its batch-mates go on
      return new FetchOutcome.Unfit(
          "assembly", "assembling the Call record failed (" + typeOf(failure) + ")");
    }
    return encoded(assembled, maxBytes);
  }

  /** The assembled call if it encodes within {@code maxBytes}; otherwise why not. */
  static FetchOutcome encoded(CallAssembly.Assembled assembled, long maxBytes) {
    Call call = assembled.call();
    byte[] bytes;
    try {
      bytes = ENCODER.serialize(Topics.CALLS, call);
    } catch (SerializationException failure) {
      return new FetchOutcome.Unfit(
          "serialization",
          "the Call record cannot be encoded ("
              + typeOf(failure.getCause() == null ? failure : failure.getCause())
              + ")");
    }
    if (bytes.length > maxBytes) {
      return new FetchOutcome.Unfit(
          "too_large",
          "the Call record is "
              + bytes.length
              + " bytes, over the "
              + maxBytes
              + "-byte limit of "
              + Topics.CALLS);
    }
    return new FetchOutcome.Fetched(call, bytes.length, assembled.dropped());
  }

  private static String typeOf(Throwable failure) {
    return failure.getClass().getSimpleName();
  }
}

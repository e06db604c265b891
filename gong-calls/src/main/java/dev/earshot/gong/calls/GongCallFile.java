package dev.earshot.gong.calls;

import dev.earshot.gong.api.CallElement;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.api.Privacy;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.GongJson;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call in Gong's own shapes, as a file holds it: {@code {"call": <one element of
 * calls/extensive's "calls">, "transcript": <one element of calls/transcript's
 * "callTranscripts">}}. That is what {@code ./earshot capture} writes and {@code ./earshot
 * simulator --corpus} serves, so a real export works unchanged. Each part is read exactly as the
 * client reads Gong's answers ({@link GongClient#extensiveElement}, {@link
 * GongClient#transcriptElement}), then {@link #toCall} makes the {@code Call} event with {@link
 * CallAssembly}, the same translation ingest-service publishes with.
 *
 * @param call the call's extensive element
 * @param transcript its transcript (no monologues when the file has none)
 * @param privacy what the file's {@code call.metaData.isPrivate} says: only a JSON {@code false} is
 *     {@link Privacy#PUBLIC} (Earshot fails closed; read a call's content only when it is)
 */
public record GongCallFile(ExtensiveCall call, CallTranscript transcript, Privacy privacy) {

  /**
   * A JSON document that is not a Gong call file, or whose parts cannot be read. The message says
   * which part and why, never the call's content.
   */
  public static final class Unreadable extends IllegalArgumentException {
    Unreadable(String reason) {
      super(reason);
    }
  }

  /** Whether the document has the file's shape: an object whose {@code call} is an object. */
  public static boolean hasItsShape(JsonNode document) {
    return document != null && document.isObject() && document.path("call").isObject();
  }

  /**
   * Reads one file's JSON. A missing {@code transcript} is an empty one; a {@code transcript}
   * without {@code callId} is the call's.
   *
   * @throws Unreadable when the document has no {@code call} object, the call has no {@code
   *     metaData.id}, a part cannot be read as Gong's shape (a value of the wrong type), or the
   *     transcript is not an object or names another call
   */
  public static GongCallFile read(JsonNode document) {
    if (!hasItsShape(document)) {
      throw new Unreadable("not a Gong call file: no \"call\" object");
    }
    CallElement<ExtensiveCall> call = GongClient.extensiveElement(document.path("call"));
    if (!call.readable()) {
      throw new Unreadable("\"call\" is not Gong's extensive call: " + call.problem());
    }
    String callId = call.value().metaData().id();
    JsonNode transcriptJson = document.path("transcript");
    if (transcriptJson.isMissingNode() || transcriptJson.isNull()) {
      return new GongCallFile(
          call.value(),
          new CallTranscript(callId, java.util.List.of()),
          privacyOf(document.path("call")));
    }
    if (!transcriptJson.isObject()) {
      throw new Unreadable("\"transcript\" is not an object");
    }
    ObjectNode named = (ObjectNode) transcriptJson.deepCopy();
    if (named.path("callId").isMissingNode() || named.path("callId").isNull()) {
      named.put("callId", callId);
    }
    CallElement<CallTranscript> transcript = GongClient.transcriptElement(named);
    if (!transcript.readable()) {
      throw new Unreadable("\"transcript\" is not Gong's call transcript: " + transcript.problem());
    }
    if (!callId.equals(transcript.value().callId())) {
      throw new Unreadable("\"transcript\" names another call than \"call\"");
    }
    return new GongCallFile(call.value(), transcript.value(), privacyOf(document.path("call")));
  }

  /** {@link #read(JsonNode)} of a file's text. */
  public static GongCallFile read(String json) {
    JsonNode document;
    try {
      document = GongJson.mapper().readTree(json);
    } catch (tools.jackson.core.JacksonException notJson) {
      throw new Unreadable("not JSON");
    }
    return read(document);
  }

  /**
   * Privacy as Gong's JSON says it, before any mapping: {@link Privacy#PUBLIC} only for {@code
   * "isPrivate": false} in {@code metaData}, {@link Privacy#PRIVATE} for {@code true}, else
   * (absent, null, a string) {@link Privacy#UNKNOWN}.
   *
   * @param extensiveCall one element of calls/extensive's {@code calls}
   */
  public static Privacy privacyOf(JsonNode extensiveCall) {
    JsonNode flag = extensiveCall.path("metaData").path("isPrivate");
    return flag.isBoolean() ? Privacy.of(flag.booleanValue()) : Privacy.UNKNOWN;
  }

  /** Gong's id of the call. */
  public String callId() {
    return call.metaData().id();
  }

  /**
   * The {@code Call} event and the CRM values left out of it ({@link CallAssembly#assembled}).
   *
   * @param connectionId the connection the call is attributed to
   * @param orgId the org the call is attributed to
   * @param fetchedAt when the call was read
   */
  public CallAssembly.Assembled toCall(String connectionId, String orgId, Instant fetchedAt) {
    return CallAssembly.assembled(connectionId, orgId, call, transcript, fetchedAt);
  }
}

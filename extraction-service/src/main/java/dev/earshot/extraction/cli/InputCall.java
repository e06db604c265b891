package dev.earshot.extraction.cli;

import dev.earshot.events.Call;
import dev.earshot.events.serde.PlainJson;
import dev.earshot.gong.api.Privacy;
import dev.earshot.gong.calls.GongCallFile;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The call one {@code ./earshot extract --in} file holds: a {@code Call} in plain JSON, or a Gong
 * {@code {"call","transcript"}} file (what {@code ./earshot capture} writes, a real export) made
 * into the {@code Call} by the translation ingest-service publishes with ({@link GongCallFile}). A
 * Gong file whose call does not say {@code "isPrivate": false} is refused: Earshot never reads a
 * private call's content, and an absent flag counts as private (fail closed).
 */
final class InputCall {

  /** The connection a Gong file's call is attributed to: it came from a file, not a connection. */
  static final String FILE_CONNECTION = "file";

  private static final JsonMapper json = JsonMapper.builder().build();

  /** Why a file's content is not a call to extract; the message completes "FILE …". */
  static final class Refused extends Exception {
    Refused(String reason) {
      super(reason);
    }
  }

  private InputCall() {}

  /**
   * @param text the file's content
   * @param orgId the org a Gong file's call is attributed to (a plain {@code Call} names its own)
   * @throws Refused when the text is not JSON, is neither shape, cannot be read as it, or is a Gong
   *     call that is not known to be public
   */
  static Call read(String text, String orgId) throws Refused {
    JsonNode document;
    try {
      document = json.readTree(text);
    } catch (JacksonException notJson) {
      throw new Refused("is not JSON");
    }
    if (GongCallFile.hasItsShape(document)) {
      GongCallFile file;
      try {
        file = GongCallFile.read(document);
      } catch (GongCallFile.Unreadable unreadable) {
        throw new Refused("is not a readable Gong call file: " + unreadable.getMessage());
      }
      if (!file.privacy().knownPublic()) {
        throw new Refused(
            "holds call "
                + file.callId()
                + ", which Gong does not say is public (call.metaData.isPrivate is "
                + (file.privacy() == Privacy.PRIVATE ? "true" : "not false")
                + "); Earshot never reads a private call");
      }
      return file.toCall(FILE_CONNECTION, orgId, Instant.now()).call();
    }
    try {
      return PlainJson.read(text, Call.class);
    } catch (RuntimeException e) {
      throw new Refused(
          "is not a Call in plain JSON nor a Gong {\"call\",\"transcript\"} file: "
              + e.getMessage());
    }
  }
}

package dev.earshot.local;

import dev.earshot.gong.api.CallElement;
import dev.earshot.gong.api.CallMetadata;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.api.Privacy;
import dev.earshot.gong.calls.GongCallFile;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.GongJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a replayable copy of a Gong workspace's recent calls: one file per call, {@code
 * <callId>.json} = {@code {"call": <one element of calls/extensive's "calls">, "transcript": <one
 * element of calls/transcript's "callTranscripts">}}, exactly as Gong sent them, which is what
 * {@code ./earshot simulator --corpus DIR} and {@code ./earshot local --corpus DIR} serve.
 *
 * <p>Only calls Gong explicitly says are not private are captured (fail closed): a call whose
 * listing says private is never looked up again; a call whose extensive metadata does not say
 * {@code isPrivate: false} is skipped and counted, and its transcript is never requested. Every
 * request goes through {@link GongClient}, so Gong's limits (3 requests/s, the daily quota,
 * Retry-After) hold. A file already in the directory is not fetched again, so an interrupted
 * capture resumes where it stopped.
 */
final class CapturingGongCalls {

  /**
   * What one capture did.
   *
   * @param listed calls Gong listed in the window
   * @param alreadyCaptured calls with a file from an earlier run
   * @param privateSkipped calls Gong said are private (listing or extensive)
   * @param privacyUnknown calls whose metadata never said {@code isPrivate: false}: not captured
   * @param withoutTranscript public calls Gong has no transcript for yet
   * @param written files written by this run
   */
  record Tally(
      int listed,
      int alreadyCaptured,
      int privateSkipped,
      int privacyUnknown,
      int withoutTranscript,
      int written) {

    Map<String, Object> asMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("listed", listed);
      out.put("already_captured", alreadyCaptured);
      out.put("private_skipped", privateSkipped);
      out.put("privacy_unknown_skipped", privacyUnknown);
      out.put("without_transcript", withoutTranscript);
      out.put("written", written);
      return out;
    }
  }

  private final GongClient gong;
  private final Path out;
  private final PrintStream progress;

  CapturingGongCalls(GongClient gong, Path out, PrintStream progress) {
    this.gong = gong;
    this.out = out;
    this.progress = progress;
  }

  /** Captures the calls that started in {@code [from, to)}. */
  Tally capture(Instant from, Instant to) throws IOException {
    Files.createDirectories(out);
    List<CallMetadata> listed = gong.allCalls(from, to);
    int privateSkipped = 0;
    int already = 0;
    List<String> wanted = new ArrayList<>();
    for (CallMetadata call : listed) {
      if (call.privacy() == Privacy.PRIVATE) {
        privateSkipped++;
      } else if (Files.exists(fileOf(call.id()))) {
        already++;
      } else {
        wanted.add(call.id());
      }
    }
    progress.printf(
        "listed %d calls (%d private, %d captured before); fetching %d%n",
        listed.size(), privateSkipped, already, wanted.size());
    int unknown = 0;
    int withoutTranscript = 0;
    int written = 0;
    for (int i = 0; i < wanted.size(); i += GongClient.MAX_IDS_PER_REQUEST) {
      List<String> batch =
          wanted.subList(i, Math.min(wanted.size(), i + GongClient.MAX_IDS_PER_REQUEST));
      Map<String, JsonNode> publicCalls = new LinkedHashMap<>();
      for (CallElement<ExtensiveCall> element :
          gong.extensiveElementsFor(batch, ContentSelector.everythingEarshotUses())) {
        switch (privacyOf(element.json())) {
          case PUBLIC -> publicCalls.put(element.callId(), element.json());
          case PRIVATE -> privateSkipped++;
          case UNKNOWN -> unknown++;
        }
      }
      Map<String, JsonNode> transcripts = new LinkedHashMap<>();
      if (!publicCalls.isEmpty()) {
        for (CallElement<CallTranscript> element :
            gong.transcriptElementsFor(publicCalls.keySet())) {
          if (element.callId() != null) {
            transcripts.put(element.callId(), element.json());
          }
        }
      }
      for (Map.Entry<String, JsonNode> call : publicCalls.entrySet()) {
        JsonNode transcript = transcripts.get(call.getKey());
        if (transcript == null) {
          withoutTranscript++;
          continue;
        }
        write(call.getKey(), call.getValue(), transcript);
        written++;
      }
      progress.printf(
          "fetched %d of %d (%d written)%n",
          Math.min(wanted.size(), i + GongClient.MAX_IDS_PER_REQUEST), wanted.size(), written);
    }
    return new Tally(listed.size(), already, privateSkipped, unknown, withoutTranscript, written);
  }

  /**
   * Privacy from Gong's JSON as sent, so an element Earshot cannot otherwise read still counts; the
   * rule replay applies to the files ({@link GongCallFile#privacyOf}).
   */
  static Privacy privacyOf(JsonNode extensiveCall) {
    return GongCallFile.privacyOf(extensiveCall);
  }

  private void write(String callId, JsonNode call, JsonNode transcript) throws IOException {
    ObjectNode file = GongJson.mapper().createObjectNode();
    file.set("call", call);
    file.set("transcript", transcript);
    Path target = fileOf(callId);
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.writeString(
        partial, GongJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(file));
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Path fileOf(String callId) {
    if (!callId.matches("[0-9A-Za-z_-]{1,64}")) {
      throw new IllegalArgumentException("not a Gong call id: " + callId);
    }
    return out.resolve(callId + ".json");
  }
}

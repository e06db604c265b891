package dev.earshot.gong.simulator;

import dev.earshot.gong.simulator.corpus.CorpusCall;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A corpus call as a Gong call file, in the maps the simulator serves: {@code {"call": <its
 * calls/extensive element, everything selected: context, parties, content>, "transcript": <its
 * calls/transcript element>}}, the shape {@code ./earshot capture} writes and {@code ./earshot
 * simulator --corpus} serves. Read it with gong-calls' {@code GongCallFile} to get the {@code Call}
 * event ingest-service would publish for the call (the simulator's realism quirks are not applied).
 */
public final class CallFiles {

  private CallFiles() {}

  /** The call file of one corpus call, as JSON-ready maps and lists. */
  public static Map<String, Object> of(CorpusCall call) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("call", GongPayloads.extensive(call, GongPayloads.Selector.EVERYTHING));
    file.put("transcript", GongPayloads.transcript(call));
    return file;
  }
}

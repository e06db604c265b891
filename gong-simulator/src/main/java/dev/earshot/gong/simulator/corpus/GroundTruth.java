package dev.earshot.gong.simulator.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels later stages are measured against: per call, the planted items with the exact
 * utterances, the speaker, the kind and the underlying request id. One JSON object per call.
 */
public final class GroundTruth {

  private GroundTruth() {}

  public static Map<String, Object> of(CorpusCall call) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("call_id", call.id());
    line.put("is_private", call.isPrivate());
    line.put("transcript_ready_at", call.transcriptReadyAt().toString());
    line.put("account", call.company().name());
    line.put("sales_only", call.planted().isEmpty());
    List<Map<String, Object>> items = new ArrayList<>();
    for (PlantedItem item : call.planted()) {
      FeedbackCatalogue.Request request = FeedbackCatalogue.byId(item.requestId());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("request_id", item.requestId());
      entry.put("kind", item.kind());
      entry.put("area", request.area());
      entry.put("title", request.title());
      entry.put("speaker_id", item.speakerId());
      entry.put("utterances", item.utterances());
      items.add(entry);
    }
    line.put("items", items);
    return line;
  }
}

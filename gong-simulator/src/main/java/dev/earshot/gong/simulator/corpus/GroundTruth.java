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
    line.put("actions", actions(call));
    return line;
  }

  /**
   * The action items agreed on the call, in the order first said: the planted ones and the
   * commitments of the ordinary talk ({@link ActionCatalogue#TALK}), each once however often it is
   * repeated, with its owner side, what, due (as said, or null), the exact sentence, who said it
   * ({@code speaker_ids}: everyone who did) and the start in milliseconds of its first saying.
   */
  public static List<Map<String, Object>> actions(CorpusCall call) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Transcript.Monologue m : TranscriptWriter.write(call).monologues()) {
      for (Transcript.Sentence s : m.sentences()) {
        for (PlantedAction a : call.actions()) {
          if (a.sentence().equals(s.text()) && a.speakerId().equals(m.speakerId())) {
            add(out, m.speakerId(), a.side(), a.what(), a.due(), s, true);
          }
        }
        for (ActionCatalogue.Labelled l : ActionCatalogue.TALK.getOrDefault(s.text(), List.of())) {
          add(out, m.speakerId(), l.side(), l.what(), l.due(), s, false);
        }
      }
    }
    return List.copyOf(out.values());
  }

  @SuppressWarnings("unchecked")
  private static void add(
      Map<String, Map<String, Object>> out,
      String speakerId,
      String side,
      String what,
      String due,
      Transcript.Sentence s,
      boolean planted) {
    Map<String, Object> entry =
        out.computeIfAbsent(
            side + "|" + what,
            k -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("side", side);
              e.put("what", what);
              e.put("due", due);
              e.put("sentence", s.text());
              e.put("speaker_ids", new ArrayList<String>());
              e.put("start_ms", s.start());
              e.put("planted", planted);
              return e;
            });
    List<String> speakers = (List<String>) entry.get("speaker_ids");
    if (!speakers.contains(speakerId)) {
      speakers.add(speakerId);
    }
  }
}

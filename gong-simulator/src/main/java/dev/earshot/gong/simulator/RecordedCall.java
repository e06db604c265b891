package dev.earshot.gong.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call read from a corpus directory, served as its file has it: listing serves its {@code
 * metaData}, extensive the parts the selector asks for, transcript its transcript, webhooks its
 * call. Unknown fields stay as they are. Only the realism switches that change behaviour, not data,
 * apply ({@code webhookSampleShape}, {@code extensiveLag}, {@code quotaAndRevocation}).
 *
 * @param file the file it came from (file name only)
 * @param call the file's {@code call}, as parsed
 * @param transcriptElement the file's {@code transcript}, or an empty transcript when the file has
 *     none
 * @param id Gong's call id
 * @param started its start
 * @param durationSeconds its length ({@code metaData.duration}, 0 when absent)
 * @param isPrivate private unless {@code metaData.isPrivate} is exactly {@code false}
 * @param webhook the shape of its webhook delivery
 * @param extensiveLag extensive requests naming it that leave it out
 */
record RecordedCall(
    String file,
    Map<String, Object> call,
    Map<String, Object> transcriptElement,
    String id,
    Instant started,
    long durationSeconds,
    boolean isPrivate,
    Quirks.WebhookShape webhook,
    int extensiveLag)
    implements ServedCall {

  /** The parts of an extensive call that the selector's {@code exposedFields} do not name. */
  private static final List<String> ALWAYS = List.of("metaData");

  @Override
  public Instant listableAt() {
    return started.plusSeconds(durationSeconds);
  }

  @Override
  public Instant transcriptReadyAt() {
    return listableAt();
  }

  @Override
  public Map<String, Object> metaData() {
    return copy(section("metaData"));
  }

  @Override
  public Map<String, Object> extensive(GongPayloads.Selector selector) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> part : call.entrySet()) {
      String name = part.getKey();
      boolean wanted =
          ALWAYS.contains(name)
              || ("context".equals(name) && selector.context())
              || selector.exposed().contains(name);
      if ("content".equals(name) && part.getValue() instanceof Map<?, ?> content) {
        Map<String, Object> asked = new LinkedHashMap<>();
        content.forEach(
            (k, v) -> {
              if (selector.contentParts().contains(String.valueOf(k))) {
                asked.put(String.valueOf(k), deepCopy(v));
              }
            });
        if (!asked.isEmpty()) {
          out.put("content", asked);
        }
      } else if (wanted) {
        out.put(name, deepCopy(part.getValue()));
      }
    }
    return out;
  }

  @Override
  public Map<String, Object> transcript() {
    return copy(transcriptElement);
  }

  @Override
  public Map<String, Object> webhookBody() {
    Map<String, Object> callData = copy(call);
    if (webhook.sample()) {
      callData.put("metaData", FieldPayloads.sampleMetaData(section("metaData")));
    }
    return webhook.body(callData);
  }

  @Override
  public Map<String, Object> groundTruth() {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("call_id", id);
    line.put("is_private", isPrivate);
    line.put("transcript_ready_at", transcriptReadyAt().toString());
    line.put("account", account());
    line.put("sales_only", null);
    line.put("items", List.of());
    line.put("expected", isPrivate ? "private" : "published");
    line.put("fault", null);
    line.put("listable_at", listableAt().toString());
    line.put("duration_seconds", durationSeconds);
    List<String> faults = new ArrayList<>();
    if (extensiveLag > 0) {
      faults.add("extensive_lag");
    }
    if (webhook.topLevelPrivate() != null) {
      faults.add("webhook_top_level_private");
    }
    if (webhook.withoutParties()) {
      faults.add("webhook_without_parties");
    }
    line.put("faults", faults);
    line.put("source_file", file);
    return line;
  }

  /** The CRM Account's {@code Name}, if the call's context names one. */
  private String account() {
    if (!(call.get("context") instanceof List<?> systems)) {
      return null;
    }
    for (Object system : systems) {
      if (system instanceof Map<?, ?> s && s.get("objects") instanceof List<?> objects) {
        for (Object object : objects) {
          if (object instanceof Map<?, ?> o
              && "Account".equals(o.get("objectType"))
              && o.get("fields") instanceof List<?> fields) {
            for (Object field : fields) {
              if (field instanceof Map<?, ?> f
                  && "Name".equals(f.get("name"))
                  && f.get("value") instanceof String name) {
                return name;
              }
            }
          }
        }
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> section(String name) {
    return call.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> map) {
    return (Map<String, Object>) deepCopy(map);
  }

  /** Payloads are fresh on every request, so no caller can change the file's data. */
  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(deepCopy(v)));
      return out;
    }
    return value;
  }
}

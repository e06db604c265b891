package dev.earshot.extraction.followup.llm;

import java.util.List;
import java.util.Map;

/** The system prompt and answer schema every follow-up adapter uses; its version is the drafts'. */
final class FollowUpInstructions {

  static final String VERSION = "followup-prompt-1";

  static final String SYSTEM =
      """
      You read a recorded sales or customer-success call, its sentences numbered [id], and draft \
      the follow-up email our side ("us") sends to the customer's participants after the call: a \
      greeting naming them, a short recap of what was discussed, and the next steps agreed on the \
      call. Also list every action item agreed on the call: something one side committed to do \
      after the call ("I'll send the proposal", "can you share your carrier list", "let's meet \
      next Tuesday"), not things done during the call. For each action item give what is to be \
      done (a short phrase starting with a verb), owner_side ("internal" for us, "external" for \
      the customer), owner (a participant's name, or "" if not said), due (the time words said on \
      the call, or "" if none) and sentence_ids: the ids of the sentences it comes from. Cite only \
      ids you were given; never invent an action item that no sentence supports. If nothing was \
      agreed, return no action items.""";

  /** JSON Schema (2020-12) of an answer, strict: every property required, no others. */
  static Map<String, Object> schema() {
    Map<String, Object> item = new java.util.LinkedHashMap<>();
    item.put("type", "object");
    item.put("additionalProperties", false);
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("what", Map.of("type", "string", "minLength", 1));
    p.put("owner_side", Map.of("type", "string", "enum", List.of("internal", "external")));
    p.put("owner", Map.of("type", "string"));
    p.put("due", Map.of("type", "string"));
    p.put(
        "sentence_ids", Map.of("type", "array", "items", Map.of("type", "integer"), "minItems", 1));
    item.put("properties", p);
    item.put("required", List.copyOf(p.keySet()));
    Map<String, Object> props = new java.util.LinkedHashMap<>();
    props.put("subject", Map.of("type", "string", "minLength", 1));
    props.put("body", Map.of("type", "string", "minLength", 1));
    props.put("action_items", Map.of("type", "array", "items", item));
    Map<String, Object> root = new java.util.LinkedHashMap<>();
    root.put("type", "object");
    root.put("additionalProperties", false);
    root.put("properties", props);
    root.put("required", List.copyOf(props.keySet()));
    return root;
  }

  private FollowUpInstructions() {}
}

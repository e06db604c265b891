package dev.earshot.gong.proxy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Withholds private calls from a Gong answer the way Earshot reads calls: fail closed, a call is
 * shown only when Gong wrote {@code "isPrivate": false} as a JSON boolean; {@code true}, an absent
 * flag or any other value withholds it (as {@code PrivacyFlag} and {@code Privacy} read it).
 */
public final class CallsInAnswer {

  /**
   * An answer with private calls taken out.
   *
   * @param body the answer to show
   * @param withheld how many calls were taken out
   */
  public record Shown(JsonNode body, int withheld) {}

  private CallsInAnswer() {}

  /**
   * Takes private calls out of {@code answer}, by what the operation's answer carries.
   *
   * @param calls where the answer's calls are ({@link GongReadOperations.Calls})
   * @param answer Gong's parsed answer (not changed)
   * @return the answer to show and how many calls were withheld
   */
  public static Shown withholdPrivate(GongReadOperations.Calls calls, JsonNode answer) {
    return switch (calls) {
      case NONE -> new Shown(answer, 0);
      case LISTED -> fromList(answer, call -> call.get("isPrivate"));
      case EXTENSIVE -> fromList(answer, call -> call.path("metaData").get("isPrivate"));
      case ONE -> {
        JsonNode call = answer.path("call");
        if (!call.isObject() || saidPublic(call.get("isPrivate"))) {
          yield new Shown(answer, 0);
        }
        ObjectNode shown = (ObjectNode) answer.deepCopy();
        shown.remove("call");
        yield new Shown(shown, 1);
      }
    };
  }

  private static Shown fromList(
      JsonNode answer, java.util.function.Function<JsonNode, JsonNode> flagOf) {
    if (!(answer.get("calls") instanceof ArrayNode listed)) {
      return new Shown(answer, 0);
    }
    ObjectNode shown = (ObjectNode) answer.deepCopy();
    ArrayNode kept = shown.putArray("calls");
    int withheld = 0;
    for (JsonNode call : listed) {
      if (call.isObject() && saidPublic(flagOf.apply(call))) {
        kept.add(call);
      } else {
        withheld++;
      }
    }
    return new Shown(shown, withheld);
  }

  private static boolean saidPublic(JsonNode flag) {
    return flag != null && flag.isBoolean() && !flag.booleanValue();
  }
}

package dev.earshot.extraction.followup.llm;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.followup.ActionItem;
import dev.earshot.extraction.followup.Draft;
import dev.earshot.extraction.followup.OwnerSide;
import dev.earshot.extraction.model.llm.InvalidModelOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a model's JSON answer into a draft: validated against the schema, every action item's
 * sentence ids resolved from the digest (so each citation is a sentence of this call with its times
 * and speaker, verbatim). An id the model was not given is a fabricated citation: the whole answer
 * is refused ({@link InvalidModelOutput}), as feedback extraction refuses a fabricated quote, and
 * the adapter asks once more.
 */
final class FollowUpAnswers {

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(json.writeValueAsString(FollowUpInstructions.schema()));

  private FollowUpAnswers() {}

  /**
   * The answer's draft.
   *
   * @throws InvalidModelOutput when the answer breaks the schema or cites a sentence it was not
   *     given
   */
  static Draft parse(JsonNode answer, FollowUpDigest digest) {
    InvalidModelOutput.unlessValid(SCHEMA, answer, "the follow-up schema");
    List<ActionItem> items = new ArrayList<>();
    for (JsonNode item : answer.path("action_items")) {
      List<Utterance> cited = new ArrayList<>();
      for (JsonNode id : item.path("sentence_ids")) {
        Utterance u = digest.sentences().get(id.asInt());
        if (u == null) {
          throw new InvalidModelOutput(
              "the answer cites sentence " + id.asInt() + ", which it was not given");
        }
        if (!cited.contains(u)) {
          cited.add(u);
        }
      }
      cited.sort(Comparator.comparingInt(Utterance::index));
      String owner = item.path("owner").asString("").strip();
      String due = item.path("due").asString("").strip();
      items.add(
          new ActionItem(
              item.path("what").asString().strip(),
              OwnerSide.valueOf(item.path("owner_side").asString().toUpperCase(Locale.ROOT)),
              owner.isEmpty() ? null : owner,
              due.isEmpty() ? null : due,
              cited));
    }
    items.sort(Comparator.comparingInt(a -> a.cited().getFirst().index()));
    return new Draft(
        answer.path("subject").asString().strip(),
        answer.path("body").asString().strip(),
        items,
        List.of());
  }
}

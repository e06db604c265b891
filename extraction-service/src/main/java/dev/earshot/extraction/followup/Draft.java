package dev.earshot.extraction.followup;

import dev.earshot.extraction.call.Utterance;
import java.util.List;

/**
 * A follow-up draft for one call.
 *
 * @param subject the email's subject
 * @param body the email's body: greeting by name, recap, agreed next steps, sign-off
 * @param actionItems the action items, in call order
 * @param recapCited the call's sentences the recap quotes (empty when it comes from Gong's brief or
 *     key points, or from a language model that cites none)
 */
public record Draft(
    String subject, String body, List<ActionItem> actionItems, List<Utterance> recapCited) {

  public Draft {
    actionItems = List.copyOf(actionItems);
    recapCited = List.copyOf(recapCited);
  }
}

package dev.earshot.extraction.followup;

import dev.earshot.extraction.call.Utterance;
import java.util.List;

/**
 * An action item agreed on a call.
 *
 * @param what what is to be done, a short phrase starting with its verb ("send over the proposal")
 * @param side the side that owns it
 * @param owner the owner's name when one person of that side can be named, else null
 * @param due when it is due, as the words said on the call ("by end of week"), or null
 * @param cited the call's sentences it comes from, in call order; never empty
 */
public record ActionItem(
    String what, OwnerSide side, String owner, String due, List<Utterance> cited) {

  public ActionItem {
    if (cited == null || cited.isEmpty()) {
      throw new IllegalArgumentException("an action item cites at least one sentence");
    }
    cited = List.copyOf(cited);
  }
}

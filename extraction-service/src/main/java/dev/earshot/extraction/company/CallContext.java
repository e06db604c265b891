package dev.earshot.extraction.company;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.Party;
import java.util.List;
import java.util.Objects;

/**
 * What the company mapping reads of a call: the CRM account id Gong linked (or null) and the email
 * addresses of its external parties.
 */
public final class CallContext {

  private CallContext() {}

  /** The CRM account id Gong linked to the call, or null. */
  public static String crmAccountId(Call call) {
    return call.getCrm() == null ? null : call.getCrm().getAccountId();
  }

  /** The email addresses of the call's external parties, in party order. */
  public static List<String> externalEmails(Call call) {
    return call.getParties().stream()
        .filter(p -> p.getAffiliation() == Affiliation.EXTERNAL)
        .map(Party::getEmailAddress)
        .filter(Objects::nonNull)
        .toList();
  }
}

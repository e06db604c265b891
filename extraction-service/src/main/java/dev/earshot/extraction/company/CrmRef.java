package dev.earshot.extraction.company;

import java.util.Locale;
import java.util.Objects;

/**
 * A company's id in one CRM.
 *
 * @param system the CRM, lower case (e.g. {@code salesforce}, {@code hubspot})
 * @param id the account id in that CRM, as Gong reports it in {@code Call.crm.accountId}
 */
public record CrmRef(String system, String id) {

  public CrmRef {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(id, "id");
    system = system.strip().toLowerCase(Locale.ROOT);
    id = id.strip();
  }
}

package dev.earshot.extraction.directory;

import dev.earshot.extraction.company.KnownCompany;
import java.time.Instant;
import java.util.List;

/**
 * A company as the API shows it.
 *
 * @param id company id
 * @param name name
 * @param domains web and email domains
 * @param crmIds CRM ids
 * @param updatedAt when this version was published
 */
record CompanyView(
    String id, String name, List<String> domains, List<CrmIdView> crmIds, Instant updatedAt) {

  /**
   * @param system the CRM
   * @param id the account id there
   */
  record CrmIdView(String system, String id) {}

  static CompanyView of(KnownCompany c) {
    return new CompanyView(
        c.companyId(),
        c.name(),
        c.domains(),
        c.crmIds().stream().map(r -> new CrmIdView(r.system(), r.id())).toList(),
        c.updatedAt());
  }
}

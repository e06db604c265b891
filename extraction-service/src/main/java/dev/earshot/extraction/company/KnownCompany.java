package dev.earshot.extraction.company;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A company of an org's directory.
 *
 * @param orgId the org whose directory holds it
 * @param companyId its id, unique within the org
 * @param name its name
 * @param crmIds its ids in CRMs (possibly empty)
 * @param domains its web and email domains, normalised ({@link Domains#normalise}), possibly empty
 * @param updatedAt when this version was published
 */
public record KnownCompany(
    String orgId,
    String companyId,
    String name,
    List<CrmRef> crmIds,
    List<String> domains,
    Instant updatedAt) {

  public KnownCompany {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(name, "name");
    crmIds = List.copyOf(crmIds);
    domains = List.copyOf(domains);
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The same company with another publication time (to compare content, not versions). */
  public KnownCompany at(Instant time) {
    return new KnownCompany(orgId, companyId, name, crmIds, domains, time);
  }
}

package dev.earshot.extraction.company;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy that finds the company of a call in the org's directory:
 *
 * <ol>
 *   <li>the call's CRM account id (Gong's CRM context) against the companies' CRM ids: the company
 *       when exactly one has it;
 *   <li>else the external participants' email domains against the companies' domains, a sub-domain
 *       matching its parent ({@code eu.acme.com} is {@code acme.com}'s), free-mail domains ({@link
 *       FreeMailDomains}) never matching: the company most external participants belong to; a tie
 *       between companies is {@link UnmappedReason#AMBIGUOUS_DOMAIN}.
 * </ol>
 */
public final class CompanyMapping {

  private final FreeMailDomains freeMail;

  public CompanyMapping(FreeMailDomains freeMail) {
    this.freeMail = freeMail;
  }

  /**
   * @param directory the call's org's directory
   * @param crmAccountId the CRM account id Gong linked to the call, or null
   * @param externalEmails email addresses of the call's external participants (nulls ignored)
   */
  public MappingOutcome map(
      CompanyDirectory.OrgDirectory directory, String crmAccountId, List<String> externalEmails) {
    if (directory.isEmpty()) {
      return new MappingOutcome.Unmapped(UnmappedReason.EMPTY_DIRECTORY);
    }
    if (crmAccountId != null && !crmAccountId.isBlank()) {
      List<KnownCompany> byCrm = directory.byCrmId(crmAccountId);
      if (byCrm.size() == 1) {
        return new MappingOutcome.Mapped(byCrm.getFirst(), MatchedBy.CRM_ID, crmAccountId.strip());
      }
    }
    List<String> domains = new ArrayList<>();
    for (String email : externalEmails) {
      Domains.ofEmail(email).ifPresent(domains::add);
    }
    if (domains.isEmpty()) {
      return new MappingOutcome.Unmapped(UnmappedReason.NO_EXTERNAL_EMAIL);
    }
    List<String> business = domains.stream().filter(d -> !freeMail.contains(d)).toList();
    if (business.isEmpty()) {
      return new MappingOutcome.Unmapped(UnmappedReason.ONLY_FREE_MAIL);
    }
    Map<String, Integer> votes = new LinkedHashMap<>();
    Map<String, KnownCompany> companies = new LinkedHashMap<>();
    Map<String, String> evidence = new LinkedHashMap<>();
    for (String domain : business) {
      Optional<Hit> hit = lookUp(directory, domain);
      hit.ifPresent(
          h -> {
            votes.merge(h.company().companyId(), 1, Integer::sum);
            companies.putIfAbsent(h.company().companyId(), h.company());
            evidence.putIfAbsent(h.company().companyId(), h.domain());
          });
    }
    if (votes.isEmpty()) {
      return new MappingOutcome.Unmapped(UnmappedReason.NO_MATCH);
    }
    int most = votes.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    List<String> leaders =
        votes.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
    if (leaders.size() > 1) {
      return new MappingOutcome.Unmapped(UnmappedReason.AMBIGUOUS_DOMAIN);
    }
    String id = leaders.getFirst();
    return new MappingOutcome.Mapped(companies.get(id), MatchedBy.EMAIL_DOMAIN, evidence.get(id));
  }

  /** The nearest of the domain and its parents that exactly one company has. */
  private static Optional<Hit> lookUp(CompanyDirectory.OrgDirectory directory, String domain) {
    for (String candidate : Domains.selfAndParents(domain)) {
      List<KnownCompany> owners = directory.byDomain(candidate);
      if (owners.size() == 1) {
        return Optional.of(new Hit(owners.getFirst(), candidate));
      }
      if (owners.size() > 1) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private record Hit(KnownCompany company, String domain) {}
}

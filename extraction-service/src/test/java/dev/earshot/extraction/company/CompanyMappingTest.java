package dev.earshot.extraction.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompanyMappingTest {

  static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
  static final KnownCompany ACME =
      new KnownCompany(
          "org",
          "acme",
          "Acme",
          List.of(new CrmRef("salesforce", "001A")),
          List.of("acme.com"),
          AT);
  static final KnownCompany GLOBEX =
      new KnownCompany("org", "globex", "Globex", List.of(), List.of("globex.io"), AT);

  final CompanyMapping mapping = new CompanyMapping(FreeMailDomains.vendored());
  final CompanyDirectory.OrgDirectory directory =
      new CompanyDirectory.OrgDirectory("org", List.of(ACME, GLOBEX));

  @Test
  void theCrmAccountIdComesFirst() {
    MappingOutcome outcome = mapping.map(directory, "001A", List.of("ann@globex.io"));

    assertThat(outcome).isEqualTo(new MappingOutcome.Mapped(ACME, MatchedBy.CRM_ID, "001A"));
  }

  @Test
  void anUnknownCrmIdFallsBackToEmailDomainsAndASubDomainMatchesItsParent() {
    MappingOutcome outcome =
        mapping.map(directory, "001-unknown", List.of("bo@eu.mail.globex.io", "cy@gmail.com"));

    assertThat(outcome)
        .isEqualTo(new MappingOutcome.Mapped(GLOBEX, MatchedBy.EMAIL_DOMAIN, "globex.io"));
  }

  @Test
  void freeMailNeverMatchesEvenWhenACompanyClaimsItsParent() {
    KnownCompany claimsGmail =
        new KnownCompany("org", "g", "G", List.of(), List.of("mail.google.com"), AT);
    var withIt = new CompanyDirectory.OrgDirectory("org", List.of(ACME, claimsGmail));

    MappingOutcome outcome =
        mapping.map(withIt, null, List.of("a@gmail.com", "b@outlook.com", "c@hotmail.co.uk"));

    assertThat(outcome).isEqualTo(new MappingOutcome.Unmapped(UnmappedReason.ONLY_FREE_MAIL));
    assertThat(FreeMailDomains.vendored().contains("gmail.com")).isTrue();
    assertThat(FreeMailDomains.vendored().contains("acme.com")).isFalse();
  }

  @Test
  void theCompanyMostExternalsBelongToWinsAndATieIsAmbiguous() {
    assertThat(mapping.map(directory, null, List.of("a@acme.com", "b@globex.io", "c@acme.com")))
        .isEqualTo(new MappingOutcome.Mapped(ACME, MatchedBy.EMAIL_DOMAIN, "acme.com"));
    assertThat(mapping.map(directory, null, List.of("a@acme.com", "b@globex.io")))
        .isEqualTo(new MappingOutcome.Unmapped(UnmappedReason.AMBIGUOUS_DOMAIN));
  }

  @Test
  void unmappedCallsSayWhy() {
    assertThat(mapping.map(new CompanyDirectory.OrgDirectory("org", List.of()), "001A", List.of()))
        .isEqualTo(new MappingOutcome.Unmapped(UnmappedReason.EMPTY_DIRECTORY));
    assertThat(mapping.map(directory, null, List.of()))
        .isEqualTo(new MappingOutcome.Unmapped(UnmappedReason.NO_EXTERNAL_EMAIL));
    assertThat(mapping.map(directory, "zzz", List.of("d@initech.com", "not-an-email")))
        .isEqualTo(new MappingOutcome.Unmapped(UnmappedReason.NO_MATCH));
  }

  @Test
  void domainsAreNormalised() {
    assertThat(Domains.normalise("https://www.Acme.com/about")).contains("acme.com");
    assertThat(Domains.normalise("acme")).isEmpty();
    assertThat(Domains.selfAndParents("eu.acme.co.uk"))
        .containsExactly("eu.acme.co.uk", "acme.co.uk", "co.uk");
  }

  @Test
  void aTombstoneRemovesTheCompanyItsKeyHeld() {
    CompanyDirectory all = new CompanyDirectory();
    all.put("org/acme", ACME);
    all.put(
        "other/acme", new KnownCompany("other", "acme", "Other Acme", List.of(), List.of(), AT));

    all.remove("org/acme");

    assertThat(all.of("org").companies()).isEmpty();
    assertThat(all.of("other").companies())
        .extracting(KnownCompany::name)
        .containsExactly("Other Acme");
  }
}

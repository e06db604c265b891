package dev.earshot.extraction.company;

/** What {@link CompanyMapping} made of a call: its company, or why it has none. */
public sealed interface MappingOutcome {

  /**
   * The call belongs to this company.
   *
   * @param company the company
   * @param by how it was found
   * @param evidence the CRM account id or the email domain that matched
   */
  record Mapped(KnownCompany company, MatchedBy by, String evidence) implements MappingOutcome {}

  /**
   * The call maps to no company.
   *
   * @param reason why
   */
  record Unmapped(UnmappedReason reason) implements MappingOutcome {}
}

package dev.earshot.extraction.company;

import java.util.Locale;

/** How a call was mapped to its company. */
public enum MatchedBy {
  /** The call's CRM account id is one of the company's CRM ids. */
  CRM_ID,
  /** An external participant's email domain is (a sub-domain of) one of the company's domains. */
  EMAIL_DOMAIN;

  /** The name in APIs and the database: {@code crm_id}, {@code email_domain}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

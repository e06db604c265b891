package dev.earshot.extraction.company;

import java.util.Locale;

/** Why a call maps to no company (the {@code reason} tag of earshot.conversations.unmapped). */
public enum UnmappedReason {
  /** The org has no company in its directory. */
  EMPTY_DIRECTORY,
  /** No CRM account id matched and no external participant has an email address. */
  NO_EXTERNAL_EMAIL,
  /** No CRM account id matched and every external email is at a free-mail provider. */
  ONLY_FREE_MAIL,
  /** Neither the CRM account id nor any external email domain is in the directory. */
  NO_MATCH,
  /** External email domains point at several companies, as many participants each. */
  AMBIGUOUS_DOMAIN;

  /** The name in APIs, metrics and the database: {@code no_match}, … */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A sentence for a person reading the call's outcome. */
  public String explanation() {
    return switch (this) {
      case EMPTY_DIRECTORY ->
          "The org's company directory is empty: load it (PUT /api/v1/companies).";
      case NO_EXTERNAL_EMAIL ->
          "The call's CRM account id is absent or not in the directory, and no external"
              + " participant has an email address.";
      case ONLY_FREE_MAIL ->
          "The call's CRM account id is absent or not in the directory, and the external"
              + " participants use free-mail addresses only, which never identify a company.";
      case NO_MATCH ->
          "Neither the call's CRM account id nor an external participant's email domain is in"
              + " the directory.";
      case AMBIGUOUS_DOMAIN ->
          "External participants' email domains belong to several companies of the directory,"
              + " as many participants each.";
    };
  }
}

package dev.earshot.extraction.call;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.CrmContext;
import dev.earshot.events.Party;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import dev.earshot.extraction.company.Domains;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Joins transcript turns to parties and says whose side each speaker is on; only a customer's words
 * are ever quoted, so a party we cannot place stays {@link Role#UNKNOWN}. Blank sentences are
 * dropped.
 *
 * <p>Gong's {@code affiliation} of a call party is {@code Internal}, {@code External} or {@code
 * Unknown}, documented only as "whether the participant is from the company or not" (Gong API v2,
 * {@code Party.affiliation}; e.g. the CallParty schema at
 * schemas.apis.io/schemas/gong/gong-callparty and gong-rs's docs/Party.md). Gong does not say when
 * it answers Unknown; its help pages show a company can capture calls for staff at more than one
 * domain ("data capture domains", "mapped domains" in the data protection FAQ) and associates a
 * call's external attendees with CRM accounts by email and email domain. So an Unknown party's
 * email domain tells us little on its own: a contractor, a subsidiary or a legacy domain of ours
 * looks just like a customer's.
 */
public final class NormalisingCall {

  private NormalisingCall() {}

  public static NormalisedCall normalise(Call call) {
    Set<String> ourDomains =
        call.getParties().stream()
            .filter(p -> p.getAffiliation() == Affiliation.INTERNAL)
            .map(p -> domain(p.getEmailAddress()))
            .filter(d -> !d.isEmpty())
            .collect(Collectors.toSet());
    CrmContext crm = call.getCrm();
    String account = crm == null ? null : crm.getAccountName();
    Map<String, Speaker> speakers = new HashMap<>();
    for (Party p : call.getParties()) {
      if (p.getSpeakerId() == null) {
        continue;
      }
      Role role = role(p, ourDomains, crm == null ? null : crm.getAccountDomain());
      speakers.put(
          p.getSpeakerId(),
          new Speaker(
              p.getSpeakerId(),
              p.getId(),
              p.getName(),
              p.getEmailAddress(),
              p.getTitle(),
              role,
              role == Role.CUSTOMER ? company(account, p.getEmailAddress()) : null));
    }
    List<Utterance> utterances = new ArrayList<>();
    int turn = 0;
    for (TranscriptTurn t : call.getTranscript()) {
      Speaker speaker =
          speakers.computeIfAbsent(
              t.getSpeakerId(), id -> new Speaker(id, null, null, null, null, Role.UNKNOWN, null));
      for (Sentence s : t.getSentences()) {
        if (s.getText() != null && !s.getText().isBlank()) {
          utterances.add(
              new Utterance(
                  utterances.size(),
                  turn,
                  speaker,
                  s.getText().strip(),
                  s.getStartMs(),
                  s.getEndMs()));
        }
      }
      turn++;
    }
    CallFacts facts =
        new CallFacts(
            call.getCallId(),
            call.getOrgId(),
            call.getConnectionId(),
            call.getUrl(),
            call.getTitle(),
            call.getStarted(),
            crm == null ? null : crm.getAccountId(),
            account,
            crm == null ? null : crm.getAccountDomain(),
            crm == null ? null : crm.getDealAmount(),
            crm == null ? null : crm.getDealCurrency());
    return new NormalisedCall(facts, Map.copyOf(speakers), List.copyOf(utterances));
  }

  /**
   * A party's side. Gong's Internal and External are taken as they are. An Unknown party is placed
   * by its email domain, failing closed: at one of the domains of the call's Internal parties it is
   * us; at the CRM account's domain (or a subdomain of it), when that is not a domain of ours, it
   * is the customer; anywhere else (a second domain of ours, a contractor, a partner, a free-mail
   * address, or no CRM account domain to compare with) and without an email (a dial-in) it stays
   * unknown and is never quoted.
   *
   * @param ourDomains email domains of the call's Internal parties
   * @param accountDomain the CRM account's domain as the CRM holds it (a bare domain or a website
   *     address), or null
   */
  static Role role(Party p, Set<String> ourDomains, String accountDomain) {
    return switch (p.getAffiliation()) {
      case EXTERNAL -> Role.CUSTOMER;
      case INTERNAL -> Role.INTERNAL;
      default -> {
        String domain = domain(p.getEmailAddress());
        if (domain.isEmpty()) {
          yield Role.UNKNOWN;
        }
        if (ourDomains.contains(domain)) {
          yield Role.INTERNAL;
        }
        String account = host(accountDomain);
        // an account at one of our own domains (an internal meeting logged on our own account)
        // says nothing about who the customer is
        boolean accountIsOurs =
            ourDomains.stream().anyMatch(d -> within(d, account) || within(account, d));
        yield !accountIsOurs && within(domain, account) ? Role.CUSTOMER : Role.UNKNOWN;
      }
    };
  }

  /** Whether {@code domain} is {@code parent} or a subdomain of it (never when parent is empty). */
  private static boolean within(String domain, String parent) {
    return !parent.isEmpty() && (domain.equals(parent) || domain.endsWith("." + parent));
  }

  /**
   * The host of a CRM account's domain or website ({@code https://www.acme.com/about} → {@code
   * acme.com}), or "" when there is none.
   */
  static String host(String website) {
    return Domains.normalise(website).orElse("");
  }

  private static String company(String account, String email) {
    if (account != null && !account.isBlank()) {
      return account;
    }
    String domain = domain(email);
    return domain.isEmpty() ? null : domain;
  }

  static String domain(String email) {
    if (email == null || !email.contains("@")) {
      return "";
    }
    return email.substring(email.indexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
  }
}

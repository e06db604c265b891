package dev.earshot.extraction.call;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.CrmContext;
import dev.earshot.events.Party;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Joins transcript turns to parties. A party Gong marks external is a customer; one marked internal
 * is us; an unknown one is a customer only when its email is at another domain than ours (a dial-in
 * without an email stays unknown and is never quoted). Blank sentences are dropped.
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
      Role role = role(p, ourDomains);
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

  static Role role(Party p, Set<String> ourDomains) {
    return switch (p.getAffiliation()) {
      case EXTERNAL -> Role.CUSTOMER;
      case INTERNAL -> Role.INTERNAL;
      default -> {
        String domain = domain(p.getEmailAddress());
        if (domain.isEmpty()) {
          yield Role.UNKNOWN;
        }
        yield ourDomains.contains(domain) ? Role.INTERNAL : Role.CUSTOMER;
      }
    };
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

package dev.earshot.extraction.conversation;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.Conversation;
import dev.earshot.events.GongContent;
import dev.earshot.events.Highlight;
import dev.earshot.events.HighlightItem;
import dev.earshot.events.Party;
import dev.earshot.events.Person;
import dev.earshot.extraction.company.KnownCompany;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A call as a conversation record: type "Gong Call", subject the call's title, description Gong's
 * brief then its highlights, key points and action items (each part only when Gong gave it), end
 * users the external parties, users the internal ones, external id the Gong call id, the call's
 * URL, its duration in whole minutes (rounded), its company and start.
 */
final class ConversationRecords {

  static final String TYPE = "Gong Call";

  private ConversationRecords() {}

  static Conversation of(Call call, KnownCompany company) {
    return Conversation.newBuilder()
        .setCallId(call.getCallId())
        .setOrgId(call.getOrgId())
        .setType(TYPE)
        .setSubject(subject(call))
        .setDescription(description(call.getContent()))
        .setEndUsers(people(call, Affiliation.EXTERNAL))
        .setUsers(people(call, Affiliation.INTERNAL))
        .setExternalId(call.getCallId())
        .setUrl(call.getUrl())
        .setDurationMinutes((int) Math.round(call.getDurationSeconds() / 60.0))
        .setCompanyId(company.companyId())
        .setCompanyName(company.name())
        .setOccurredAt(call.getStarted())
        .build();
  }

  /** Whether Gong's brief (its AI summary) is in the call. */
  static boolean hasSummary(Call call) {
    return call.getContent() != null
        && call.getContent().getBrief() != null
        && !call.getContent().getBrief().isBlank();
  }

  /** SHA-256 of the record's Avro encoding: equal for equal records. */
  static String hash(Conversation conversation) {
    try {
      ByteBuffer bytes = conversation.toByteBuffer();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes);
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode conversation " + conversation.getCallId(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String subject(Call call) {
    String title = call.getTitle();
    return title == null || title.isBlank() ? "Gong call " + call.getCallId() : title.strip();
  }

  static String description(GongContent content) {
    if (content == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (content.getBrief() != null && !content.getBrief().isBlank()) {
      parts.add(content.getBrief().strip());
    }
    List<String> highlights = new ArrayList<>();
    for (Highlight group : content.getHighlights()) {
      List<String> items = new ArrayList<>();
      for (HighlightItem item : group.getItems()) {
        if (!item.getText().isBlank()) {
          items.add("- " + item.getText().strip());
        }
      }
      if (!items.isEmpty()) {
        highlights.add(group.getTitle().strip() + ":\n" + String.join("\n", items));
      }
    }
    if (!highlights.isEmpty()) {
      parts.add("Highlights\n" + String.join("\n", highlights));
    }
    List<String> keyPoints =
        content.getKeyPoints().stream()
            .filter(p -> !p.isBlank())
            .map(p -> "- " + p.strip())
            .toList();
    if (!keyPoints.isEmpty()) {
      parts.add("Key points\n" + String.join("\n", keyPoints));
    }
    List<String> actions =
        content.getActionItems().stream()
            .map(a -> a.getSnippet())
            .filter(s -> !s.isBlank())
            .map(s -> "- " + s.strip())
            .toList();
    if (!actions.isEmpty()) {
      parts.add("Action items\n" + String.join("\n", actions));
    }
    return String.join("\n\n", parts);
  }

  private static List<Person> people(Call call, Affiliation side) {
    List<Person> people = new ArrayList<>();
    for (Party party : call.getParties()) {
      if (party.getAffiliation() == side) {
        people.add(
            Person.newBuilder().setName(party.getName()).setEmail(party.getEmailAddress()).build());
      }
    }
    return people;
  }
}

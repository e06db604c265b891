package dev.earshot.extraction.followup;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import java.util.Comparator;
import java.util.List;

/**
 * Writes an offline draft's words: the subject, a greeting naming the external participants by
 * first name, the recap, the agreed next steps (ours, then theirs, each with its due time as said)
 * and a sign-off by the rep; a last line says the draft was made extractively and is to be reviewed
 * before it is sent.
 */
public final class Letters {

  static final String EXTRACTIVE_NOTE =
      "(Drafted extractively by Earshot from the call's transcript and Gong's summary;"
          + " review before sending.)";

  private Letters() {}

  /** The subject: "Follow-up: " and the call's title (or "our call"). */
  public static String subject(NormalisedCall call) {
    String title = call.facts().title();
    return "Follow-up: " + (title == null || title.isBlank() ? "our call" : title.strip());
  }

  /** "Hi Ana," / "Hi Ana and Ben," / "Hi Ana, Ben and Cy," / "Hi all," when no name is known. */
  public static String greeting(List<Speaker> externals) {
    List<String> names =
        externals.stream()
            .map(Speaker::name)
            .filter(n -> n != null && !n.isBlank())
            .map(n -> n.strip().split("\\s+")[0])
            .distinct()
            .toList();
    if (names.isEmpty()) {
      return "Hi all,";
    }
    if (names.size() == 1) {
      return "Hi " + names.getFirst() + ",";
    }
    return "Hi "
        + String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.getLast()
        + ",";
  }

  /** The external participants to address, in the order of their first sentence, then by name. */
  public static List<Speaker> externals(NormalisedCall call) {
    return call.speakers().values().stream()
        .filter(s -> s.role() == Role.CUSTOMER)
        .sorted(
            Comparator.comparingInt((Speaker s) -> firstSentence(call, s))
                .thenComparing(s -> s.name() == null ? "" : s.name()))
        .toList();
  }

  /** Our participant who spoke most, to sign the draft, or null. */
  static String rep(NormalisedCall call) {
    return call.utterances().stream()
        .filter(u -> u.speaker().role() == Role.INTERNAL && u.speaker().name() != null)
        .collect(
            java.util.stream.Collectors.groupingBy(
                u -> u.speaker().name(), java.util.stream.Collectors.counting()))
        .entrySet()
        .stream()
        .max(java.util.Map.Entry.<String, Long>comparingByValue().thenComparing(e -> e.getKey()))
        .map(java.util.Map.Entry::getKey)
        .orElse(null);
  }

  /** The body of an offline draft. */
  static String body(NormalisedCall call, Recaps.Recap recap, List<ActionItem> actions) {
    StringBuilder b = new StringBuilder();
    b.append(greeting(externals(call))).append("\n\n");
    b.append("Thank you for your time today. A short recap of what we covered:\n");
    if (recap.lines().isEmpty()) {
      b.append("- (nothing to recap was found in the call)\n");
    }
    recap.lines().forEach(l -> b.append("- ").append(l).append('\n'));
    b.append('\n');
    if (actions.isEmpty()) {
      b.append("No next steps were agreed on the call; reply if I missed one.\n");
    } else {
      b.append("Agreed next steps:\n");
      actions.stream().filter(a -> a.side() == OwnerSide.INTERNAL).forEach(a -> step(b, a, "We"));
      actions.stream().filter(a -> a.side() == OwnerSide.EXTERNAL).forEach(a -> step(b, a, "You"));
      actions.stream().filter(a -> a.side() == OwnerSide.UNKNOWN).forEach(a -> step(b, a, null));
    }
    b.append("\nBest regards,\n");
    String rep = rep(call);
    b.append(rep == null ? "The team" : rep).append("\n\n");
    b.append(EXTRACTIVE_NOTE);
    return b.toString();
  }

  private static void step(StringBuilder b, ActionItem a, String who) {
    b.append("- ");
    if (who != null) {
      b.append(who).append(a.owner() == null ? "" : " (" + a.owner() + ")").append(": ");
    }
    b.append(a.what());
    if (a.due() != null) {
      b.append(" \u2014 ").append(a.due());
    }
    b.append('\n');
  }

  private static int firstSentence(NormalisedCall call, Speaker s) {
    return call.utterances().stream()
        .filter(u -> u.speaker().equals(s))
        .mapToInt(u -> u.index())
        .findFirst()
        .orElse(Integer.MAX_VALUE);
  }
}

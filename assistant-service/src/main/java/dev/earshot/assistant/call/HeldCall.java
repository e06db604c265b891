package dev.earshot.assistant.call;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.GongContent;
import dev.earshot.events.Party;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What Earshot keeps of a call for reading: Gong's summary of it (brief, outline, highlights, key
 * points, points of interest), who took part and how long each speaker talked. The transcript's
 * words are not kept.
 *
 * @param id Gong's call id
 * @param title the call's title
 * @param started when the call started (UTC)
 * @param durationSeconds its length, seconds
 * @param url the call in Gong
 * @param company the CRM account Gong linked, or null
 * @param brief Gong's brief, or null when Gong had none yet
 * @param outline Gong's outline sections
 * @param highlights Gong's highlight groups (e.g. "Next steps")
 * @param keyPoints Gong's key points
 * @param pointsOfInterest Gong's action items (its "points of interest"), each with when and who
 * @param speakers each speaker with their talk time, most talk first
 * @param participants everyone on the call
 */
public record HeldCall(
    String id,
    String title,
    Instant started,
    long durationSeconds,
    String url,
    Company company,
    String brief,
    List<Section> outline,
    List<HighlightGroup> highlights,
    List<String> keyPoints,
    List<PointOfInterest> pointsOfInterest,
    List<Speaker> speakers,
    List<Participant> participants) {

  /** The CRM account Gong linked to the call. */
  public record Company(String id, String name, String domain) {}

  /** An outline section: its title, when it starts (seconds) and its bullets. */
  public record Section(String section, double startSeconds, List<String> items) {}

  /** A group of highlights and their texts. */
  public record HighlightGroup(String title, List<String> items) {}

  /** An action item Gong found: its words, when (seconds from the start) and who said it. */
  public record PointOfInterest(String snippet, Double startSeconds, String speaker) {}

  /** A speaker: their name and side when known, and how long they talked (seconds). */
  public record Speaker(String speakerId, String name, String affiliation, double talkSeconds) {}

  /** A participant as Gong lists them ({@code affiliation}: internal, external or unknown). */
  public record Participant(String name, String emailAddress, String title, String affiliation) {}

  /** The call as a search result: no summary. */
  public record Listed(
      String id,
      String title,
      Instant started,
      long durationSeconds,
      String url,
      Company company,
      List<Participant> participants) {}

  /** This call as a search result. */
  public Listed listed() {
    return new Listed(id, title, started, durationSeconds, url, company, participants);
  }

  /**
   * The lower-case words a search matches: the title, the participants' names, job titles and email
   * addresses, and the company's name and domain.
   */
  public String searchText() {
    Stream<String> words =
        Stream.concat(
            Stream.of(
                title,
                company == null ? null : company.name(),
                company == null ? null : company.domain()),
            participants.stream().flatMap(p -> Stream.of(p.name(), p.title(), p.emailAddress())));
    return words
        .filter(Objects::nonNull)
        .map(text -> text.toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" "));
  }

  /** From a {@code gong.calls.v1} record. */
  public static HeldCall of(Call call) {
    Map<String, Party> bySpeaker = new LinkedHashMap<>();
    for (Party party : call.getParties()) {
      if (party.getSpeakerId() != null) {
        bySpeaker.putIfAbsent(party.getSpeakerId(), party);
      }
    }
    GongContent content = call.getContent();
    return new HeldCall(
        call.getCallId(),
        call.getTitle() == null ? "" : call.getTitle(),
        call.getStarted(),
        call.getDurationSeconds(),
        call.getUrl(),
        call.getCrm() == null
                || call.getCrm().getAccountId() == null && call.getCrm().getAccountName() == null
            ? null
            : new Company(
                call.getCrm().getAccountId(),
                call.getCrm().getAccountName(),
                call.getCrm().getAccountDomain()),
        content == null ? null : content.getBrief(),
        content == null
            ? List.of()
            : content.getOutline().stream()
                .map(
                    s ->
                        new Section(
                            s.getSection(),
                            s.getStartSeconds(),
                            s.getItems().stream().map(i -> i.getText()).toList()))
                .toList(),
        content == null
            ? List.of()
            : content.getHighlights().stream()
                .map(
                    h ->
                        new HighlightGroup(
                            h.getTitle(), h.getItems().stream().map(i -> i.getText()).toList()))
                .toList(),
        content == null ? List.of() : List.copyOf(content.getKeyPoints()),
        content == null
            ? List.of()
            : content.getActionItems().stream()
                .map(
                    a ->
                        new PointOfInterest(
                            a.getSnippet(),
                            a.getSnippetStartSeconds(),
                            nameOf(bySpeaker.get(a.getSpeakerId()))))
                .toList(),
        speakers(call.getTranscript(), bySpeaker),
        call.getParties().stream()
            .map(
                p ->
                    new Participant(
                        p.getName(), p.getEmailAddress(), p.getTitle(), side(p.getAffiliation())))
            .toList());
  }

  private static List<Speaker> speakers(List<TranscriptTurn> turns, Map<String, Party> bySpeaker) {
    Map<String, Long> talkMs = new LinkedHashMap<>();
    for (TranscriptTurn turn : turns) {
      long ms = 0;
      for (Sentence sentence : turn.getSentences()) {
        ms += Math.max(0, sentence.getEndMs() - sentence.getStartMs());
      }
      talkMs.merge(turn.getSpeakerId(), ms, Long::sum);
    }
    List<Speaker> speakers = new ArrayList<>();
    talkMs.forEach(
        (speakerId, ms) -> {
          Party party = bySpeaker.get(speakerId);
          speakers.add(
              new Speaker(
                  speakerId,
                  nameOf(party),
                  party == null ? "unknown" : side(party.getAffiliation()),
                  ms / 1000.0));
        });
    speakers.sort((a, b) -> Double.compare(b.talkSeconds(), a.talkSeconds()));
    return List.copyOf(speakers);
  }

  private static String nameOf(Party party) {
    return party == null ? null : party.getName();
  }

  private static String side(Affiliation affiliation) {
    return affiliation == null ? "unknown" : affiliation.name().toLowerCase(Locale.ROOT);
  }
}

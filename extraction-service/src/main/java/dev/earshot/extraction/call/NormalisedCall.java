package dev.earshot.extraction.call;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A call reduced to facts, speakers and sentences in order. */
public record NormalisedCall(
    CallFacts facts, Map<String, Speaker> speakers, List<Utterance> utterances) {

  public List<Utterance> customerUtterances() {
    return utterances.stream().filter(u -> u.speaker().isCustomer()).toList();
  }

  /** The customer who spoke longest: the author when a piece of feedback has no customer voice. */
  public Optional<Speaker> mainCustomer() {
    Map<Speaker, Long> spoken = new LinkedHashMap<>();
    for (Utterance u : utterances) {
      if (u.speaker().isCustomer()) {
        spoken.merge(u.speaker(), u.endMs() - u.startMs(), Long::sum);
      }
    }
    return spoken.entrySet().stream()
        .max(Comparator.comparingLong(Map.Entry::getValue))
        .map(Map.Entry::getKey);
  }
}

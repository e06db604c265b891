package dev.earshot.gong.simulator.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorpusTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @ParameterizedTest
  @CsvSource({"1, 1", "42, 37", "7, 500", "-3, 1000", "2026, 64"})
  void theSameSeedGivesTheSameCorpusTranscriptsAndGroundTruth(long seed, int size) {
    Corpus first = Corpus.generate(seed, size, NOW);
    Corpus second = Corpus.generate(seed, size, NOW);

    assertThat(second.calls()).isEqualTo(first.calls());
    for (int i = 0; i < first.calls().size(); i += Math.max(1, size / 7)) {
      CorpusCall call = first.calls().get(i);
      assertThat(TranscriptWriter.write(second.call(call.id())))
          .isEqualTo(TranscriptWriter.write(call));
      assertThat(GroundTruth.of(second.call(call.id()))).isEqualTo(GroundTruth.of(call));
    }
  }

  @Test
  void differentSeedsGiveDifferentCorpora() {
    assertThat(Corpus.generate(1, 50, NOW).calls())
        .isNotEqualTo(Corpus.generate(2, 50, NOW).calls());
  }

  @Test
  void callsSpanTheSixtyDaysBeforeNowAndEndBeforeIt() {
    Corpus corpus = Corpus.generate(42, 2_000, NOW);

    assertThat(corpus.calls())
        .allSatisfy(
            call -> {
              assertThat(call.started()).isAfter(NOW.minus(Corpus.SPAN));
              assertThat(call.ended()).isBefore(NOW);
            });
    assertThat(corpus.calls().getFirst().started())
        .isBefore(NOW.minus(java.time.Duration.ofDays(55)));
    assertThat(corpus.calls().stream().map(CorpusCall::id).distinct()).hasSize(2_000);
  }

  @Test
  void mixesPrivateLateSalesOnlyAndFeedbackCallsInTheStatedShares() {
    List<CorpusCall> calls = Corpus.generate(42, 4_000, NOW).calls();

    double privateShare = calls.stream().filter(CorpusCall::isPrivate).count() / 4_000.0;
    double lateShare = calls.stream().filter(c -> !c.transcriptReady(NOW)).count() / 4_000.0;
    double salesOnly = calls.stream().filter(c -> c.planted().isEmpty()).count() / 4_000.0;

    assertThat(privateShare).isBetween(0.035, 0.065);
    assertThat(lateShare).isBetween(0.035, 0.065);
    assertThat(salesOnly).isBetween(0.21, 0.29);
  }

  @Test
  void everyPlantedUtteranceIsSaidVerbatimByItsSpeaker() {
    for (CorpusCall call : Corpus.generate(9, 300, NOW).calls()) {
      Transcript transcript = TranscriptWriter.write(call);
      Map<String, Set<String>> saidBy = new HashMap<>();
      transcript
          .monologues()
          .forEach(
              m ->
                  m.sentences()
                      .forEach(
                          s ->
                              saidBy
                                  .computeIfAbsent(m.speakerId(), k -> new HashSet<>())
                                  .add(s.text())));
      for (PlantedItem item : call.planted()) {
        assertThat(call.externals()).extracting(Party::speakerId).contains(item.speakerId());
        assertThat(saidBy.get(item.speakerId())).containsAll(item.utterances());
      }
    }
  }

  @Test
  void transcriptsAreTimedInMillisecondsWithinTheCall() {
    for (CorpusCall call : Corpus.generate(3, 100, NOW).calls()) {
      Transcript transcript = TranscriptWriter.write(call);
      long previousEnd = 0;
      for (Transcript.Monologue m : transcript.monologues()) {
        for (Transcript.Sentence s : m.sentences()) {
          assertThat(s.start()).isGreaterThanOrEqualTo(previousEnd);
          assertThat(s.end()).isGreaterThan(s.start());
          previousEnd = s.end();
        }
      }
      assertThat(previousEnd).isLessThanOrEqualTo(call.durationSeconds() * 1000);
      assertThat(transcript.sentenceCount()).isGreaterThan((int) (call.durationSeconds() / 12));
    }
  }

  @Test
  void popularRequestsAreVoicedOnManyCallsInDifferentWords() {
    List<CorpusCall> calls = Corpus.generate(42, 1_000, NOW).calls();
    Map<String, Set<String>> phrasingsByRequest =
        calls.stream()
            .flatMap(c -> c.planted().stream())
            .collect(
                Collectors.groupingBy(
                    PlantedItem::requestId,
                    Collectors.flatMapping(p -> p.utterances().stream(), Collectors.toSet())));

    assertThat(phrasingsByRequest.get("R01")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(phrasingsByRequest.keySet()).hasSizeGreaterThanOrEqualTo(25);
  }

  @Test
  void refusesSizesOutsideOneToAHundredThousand() {
    assertThatThrownBy(() -> Corpus.generate(1, 0, NOW)).hasMessageContaining("1..100000");
    assertThatThrownBy(() -> Corpus.generate(1, 100_001, NOW)).hasMessageContaining("1..100000");
  }
}

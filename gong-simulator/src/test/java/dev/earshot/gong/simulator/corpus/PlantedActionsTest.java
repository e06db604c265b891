package dev.earshot.gong.simulator.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlantedActionsTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void plantingActionsLeavesEveryOtherSentenceAndTheFeedbackAsTheyWere() {
    List<CorpusCall> plain = Corpus.generate(42, 200, NOW).calls();
    List<CorpusCall> planted = Corpus.withPlantedActions(42, 200, NOW).calls();

    assertThat(planted).hasSameSizeAs(plain);
    int actions = 0;
    for (int i = 0; i < plain.size(); i++) {
      CorpusCall a = plain.get(i);
      CorpusCall b = planted.get(i);
      assertThat(b.id()).isEqualTo(a.id());
      assertThat(b.planted()).isEqualTo(a.planted());
      assertThat(a.actions()).isEmpty();
      actions += b.actions().size();
      List<String> before = texts(TranscriptWriter.write(a));
      List<String> after = texts(TranscriptWriter.write(b));
      List<String> plantedSentences = b.actions().stream().map(PlantedAction::sentence).toList();
      assertThat(after.stream().filter(s -> !plantedSentences.contains(s)).toList())
          .isEqualTo(before);
    }
    assertThat(actions).isBetween(200, 400);
  }

  @Test
  void theGroundTruthNamesEachActionsSentenceSpeakerSideAndDue() {
    CorpusCall call =
        Corpus.withPlantedActions(42, 200, NOW).calls().stream()
            .filter(c -> c.actions().size() >= 2)
            .findFirst()
            .orElseThrow();
    Map<String, Transcript.Sentence> said =
        TranscriptWriter.write(call).monologues().stream()
            .flatMap(m -> m.sentences().stream())
            .collect(Collectors.toMap(Transcript.Sentence::text, s -> s, (x, y) -> x));

    List<Map<String, Object>> truth = GroundTruth.actions(call);

    assertThat(truth.stream().filter(t -> (Boolean) t.get("planted")).count())
        .isEqualTo(call.actions().size());
    for (Map<String, Object> t : truth) {
      Transcript.Sentence s = said.get((String) t.get("sentence"));
      assertThat(s).isNotNull();
      assertThat(t.get("side")).isIn("Internal", "External");
      assertThat((List<?>) t.get("speaker_ids")).isNotEmpty();
      if (t.get("due") != null) {
        assertThat(s.text()).contains((String) t.get("due"));
      }
    }
    assertThat(GroundTruth.of(call)).containsKey("actions");
  }

  private static List<String> texts(Transcript t) {
    return t.monologues().stream()
        .flatMap(m -> m.sentences().stream())
        .map(Transcript.Sentence::text)
        .toList();
  }
}

package dev.earshot.extraction.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.extraction.detect.Kind;
import dev.earshot.text.TitleRule;
import dev.earshot.text.TitleRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TitleWriterTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "It would save my team hours if we could edit a batch of invoices at once instead of one by one.|Edit a batch of invoices",
        "Honestly, can you add two-factor login for the admins?|Add two-factor login for the admins",
        "Is there any way we could sign in with our Azure accounts instead of passwords?|Sign in with our Azure accounts",
        "The invoice editor crashes every time we upload an attachment.|Invoice editor crashes",
        "The biggest blocker for the rollout is single sign-on, we're on Okta.|Single sign-on",
        "Please add a dark theme.|Add a dark theme",
        "I think the upload page is confusing.|Confusing upload page"
      })
  void titlesAreShortPhrasesOfTheRequest(String sentence, String title) {
    assertThat(TitleWriter.title(sentence)).isEqualTo(title);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Because it seems like it's not working.",
        "When the team logs in at eight the reports are painfully slow, like half a minute per page.",
        "It would be great if reports could be emailed automatically every Monday morning.",
        "Yeah, yeah.",
        "I mean, it is what it is, you know?",
        "So um I was like, okay, where do I go from here and then, you know, and it just kind of",
        "we want a very long and winding thing that goes on and on about many features here"
      })
  void noTitleBreaksTheTitleRulesWhateverTheSentence(String sentence) {
    String title = TitleWriter.title(List.of(sentence), null, Kind.UX);

    assertThat(TitleRules.broken(title)).as(title).isEmpty();
  }

  @Test
  void aSentenceWithNoPhraseIsTitledByTheQuestionItAnswered() {
    String title =
        TitleWriter.title(
            List.of("Yeah it is so confusing."),
            "What do you think of the claim status page?",
            Kind.UX);

    assertThat(title).isEqualTo("Difficulty with the claim status page");
  }

  /** An adjective that governs an infinitive ("able to", "hard to") is not said of the noun. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "The VA is able to see the notes from my civilian doctor.",
        "The claim form is hard to find on the website."
      })
  void anAdjectiveWithAnInfinitiveIsNotTurnedRoundIntoATitle(String sentence) {
    String title = TitleWriter.title(sentence);

    assertThat(title).doesNotStartWithIgnoringCase("Able").doesNotStartWithIgnoringCase("Hard");
    assertThat(TitleRules.broken(title)).as(title).isEmpty();
  }

  /**
   * Every customer sentence of the real calls in {@code ../shared/eval/calls-dev/} (when present)
   * titled alone: none may break a rule. A property over real speech, not a table.
   */
  @Test
  void titlesOfRealCustomerSentencesKeepEveryRule() throws Exception {
    Path dir = Path.of("../../shared/eval/calls-dev");
    assumeTrue(Files.isDirectory(dir), "calls-dev is not present");
    JsonMapper json = JsonMapper.builder().build();
    List<String> sentences = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".call.json")).sorted().toList()) {
        JsonNode call = json.readTree(Files.readString(file));
        Set<String> customers = new java.util.HashSet<>();
        for (JsonNode party : call.path("parties")) {
          if (party.path("affiliation").asString().equals("EXTERNAL")) {
            customers.add(party.path("speakerId").asString());
          }
        }
        for (JsonNode turn : call.path("transcript")) {
          if (customers.contains(turn.path("speakerId").asString())) {
            turn.path("sentences").forEach(s -> sentences.add(s.path("text").asString()));
          }
        }
      }
    }
    assumeTrue(!sentences.isEmpty(), "calls-dev holds no customer sentences");
    Map<String, List<String>> broken = new LinkedHashMap<>();
    for (String sentence : sentences) {
      String title = TitleWriter.title(List.of(sentence), null, Kind.UX);
      List<TitleRule> rules = TitleRules.broken(title);
      if (!rules.isEmpty()) {
        broken.put(
            sentence + " -> " + title,
            rules.stream().map(TitleRule::name).collect(Collectors.toList()));
      }
    }

    assertThat(broken).as("of %d sentences", sentences.size()).isEmpty();
  }
}

package dev.earshot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TitleRulesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Okta single sign-on",
        "Weekly report emails",
        "Offline mode in the mobile app",
        "Export the audit log",
        "Edit a batch of invoices",
        "Two-factor login for the admins",
        "Sign in with Azure accounts",
        "Dark theme",
        "Confusing upload page",
        "The invoice editor crashes",
        "Trouble signing in"
      })
  void aShortNounOrVerbPhraseKeepsEveryRule(String title) {
    assertThat(TitleRules.broken(title)).isEmpty();
  }

  @ParameterizedTest(name = "{0} breaks {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Because it seems|no-filler-or-conjunction-first",
        "Because it seems|a-phrase-not-a-clause",
        "When the team logs in at eight the|no-filler-or-conjunction-first",
        "When the team logs in at eight the|no-function-word-last",
        "It would be great if reports could be|no-function-word-last",
        "It would be great if reports could be|a-phrase-not-a-clause",
        "It would be great if reports could be|no-filler-or-conjunction-first",
        "Export|two-to-eight-words",
        "A way to export the audit log every single week for all|two-to-eight-words",
        "Yeah the export|no-filler-or-conjunction-first",
        "And reports by email|no-filler-or-conjunction-first",
        "Upload a file to|no-function-word-last",
        "Working on|no-function-word-last",
        "Reports for the|no-function-word-last",
        "We need reports|a-phrase-not-a-clause",
        "Reports, exports|no-sentence-punctuation",
        "Export the log.|no-sentence-punctuation",
        "Very very good|names-a-thing-or-an-action",
        "Dashboards take|no-clause-cut-after-its-verb",
        "App requires|no-clause-cut-after-its-verb",
        "Tables forget|no-clause-cut-after-its-verb",
        "System keeps|no-clause-cut-after-its-verb",
        "Users set|no-clause-cut-after-its-verb",
        "New ui made|no-clause-cut-after-its-verb",
        "Delay alerts go|no-clause-cut-after-its-verb",
        "Versus having|no-clause-cut-after-its-verb",
        "Admins need|no-clause-cut-after-its-verb",
        "Game seems|no-clause-cut-after-its-verb",
        "Users bring|no-clause-cut-after-its-verb",
        "Export takes too|no-function-word-last"
      })
  void aCutOffSentenceBreaksItsRule(String title, String rule) {
    assertThat(TitleRules.broken(title)).extracting(TitleRule::name).contains(rule);
  }

  /**
   * The other side of {@code no-clause-cut-after-its-verb}: verbs WordNet lets end a clause, -ing
   * forms, participles (a reduced passive), and compound nouns whose last word the tagger reads as
   * a verb (a base form after a singular noun does not agree as a finite verb).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Export fails",
        "App freezes",
        "Reviews lie",
        "Load slips",
        "App keeps crashing",
        "Dashboards take forever",
        "Error downloading",
        "Export limit",
        "Language support",
        "Update fifty shipments in one go",
        "Orders shipped",
        "Report exported",
        "Forecast shown",
        "Adding tips",
        "Invoices sent",
        "Data lost",
        "Crashes happen",
        "Jenkins support",
        "Keep trying",
        "Keep going"
      })
  void aClauseThatEndsOrANounIsNotCutOff(String title) {
    assertThat(TitleRules.broken(title))
        .extracting(TitleRule::name)
        .doesNotContain("no-clause-cut-after-its-verb");
  }

  @Test
  void aTitleThatKeepsTheRulesIsClearerThanOneThatBreaksThem() {
    assertThat(TitleRules.clarity("Weekly report emails"))
        .isGreaterThan(TitleRules.clarity("It would be great if reports could be"));
    assertThat(TitleRules.clarity("Offline mode in the mobile app"))
        .isGreaterThan(TitleRules.clarity("Offline mode in the mobile app for the team in Lyon"));
  }

  @Test
  void analysesFromManyThreadsAtOnceAsFromOne() throws Exception {
    List<String> titles =
        List.of("Okta single sign-on", "When the team logs in at eight the", "Dark theme");
    List<List<TitleRule>> expected = titles.stream().map(TitleRules::broken).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> runs =
          java.util.stream.IntStream.range(0, 40)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> titles.stream().map(TitleRules::broken).toList().equals(expected)))
              .toList();
      for (Future<Boolean> run : runs) {
        assertThat(run.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }
}

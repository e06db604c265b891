package dev.earshot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseGrammarTest {

  private static List<String> phrases(String sentence, Phrase.Shape shape) {
    List<Token> tokens = PhraseGrammar.repaired(EnglishText.shared().tag(sentence));
    return PhraseGrammar.phrases(tokens).stream()
        .filter(p -> p.shape() == shape)
        .map(p -> p.in(sentence))
        .toList();
  }

  @Test
  void findsTheRequestedActionAfterAModalEvenWhenTheTaggerCallsItANoun() {
    assertThat(
            phrases(
                "It would save my team hours if we could edit a batch of invoices at once.",
                Phrase.Shape.VERB_PHRASE))
        .contains("edit a batch of invoices");
  }

  @Test
  void aNounPhraseKeepsItsHyphenatedWordsAndOnePrepositionalPhrase() {
    assertThat(
            phrases(
                "Honestly, can you add two-factor login for the admins?", Phrase.Shape.NOUN_PHRASE))
        .contains("two-factor login for the admins");
  }

  @Test
  void framingVerbsHeadNoVerbPhrase() {
    assertThat(phrases("I think we want the report.", Phrase.Shape.VERB_PHRASE)).isEmpty();
  }

  @Test
  void aProblemStatementStopsAfterItsVerbOnlyWhereTheClauseCanEnd() {
    assertThat(
            phrases(
                "The invoice editor crashes every time I save.", Phrase.Shape.PROBLEM_STATEMENT))
        .contains("invoice editor crashes");
    List<String> dashboards =
        phrases("The dashboards take forever to load.", Phrase.Shape.PROBLEM_STATEMENT);
    assertThat(dashboards).contains("dashboards take forever").doesNotContain("dashboards take");
    List<String> app =
        phrases("The app keeps crashing on my phone.", Phrase.Shape.PROBLEM_STATEMENT);
    assertThat(app).contains("app keeps crashing").doesNotContain("app keeps");
    assertThat(phrases("The tables forget my column settings.", Phrase.Shape.PROBLEM_STATEMENT))
        .doesNotContain("tables forget");
  }

  @Test
  void wordNetTellsVerbsThatEndAClauseFromVerbsThatNeedMore() {
    assertThat(WordNetLexicon.closesClause("fails")).isTrue();
    assertThat(WordNetLexicon.closesClause("froze")).isTrue();
    assertThat(WordNetLexicon.closesClause("takes")).isFalse();
    assertThat(WordNetLexicon.closesClause("requires")).isFalse();
    assertThat(WordNetLexicon.closesClause("qwzrtx")).isTrue();
    // no sense of "localize" has a use in the tagged corpus: its first sense decides (transitive)
    assertThat(WordNetLexicon.closesClause("localized")).isFalse();
    assertThat(WordNetLexicon.inflectedVerb("keeps")).isTrue();
    assertThat(WordNetLexicon.inflectedVerb("limit")).isFalse();
    assertThat(WordNetLexicon.verbLemma("made")).isEqualTo("make");
    assertThat(WordNetLexicon.nounNumber("folks")).isEqualTo(WordNetLexicon.Number.PLURAL);
    assertThat(WordNetLexicon.nounNumber("export")).isEqualTo(WordNetLexicon.Number.SINGULAR);
    assertThat(WordNetLexicon.nounNumber("admins")).isEqualTo(WordNetLexicon.Number.UNKNOWN);
  }

  @Test
  void splitsSentencesWithTheSentenceModel() {
    assertThat(EnglishText.shared().sentences("The export fails. Can you fix it? Thanks."))
        .containsExactly("The export fails.", "Can you fix it?", "Thanks.");
  }
}

package dev.earshot.dedup.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Content words as Lucene's EnglishAnalyzer reads them, sentence by sentence. */
class ContentWordsTest {

  @Test
  void inflectionsOfOneWordAreOneStem() {
    assertThat(ContentWords.words("exports").keySet())
        .isEqualTo(ContentWords.words("exporting").keySet())
        .isEqualTo(ContentWords.words("exported").keySet())
        .hasSize(1);
    assertThat(ContentWords.words("Dashboards dashboard's DASHBOARD")).hasSize(1).containsValue(3);
  }

  @Test
  void stopWordsAndSpokenFillerCarryNoTopic() {
    assertThat(
            ContentWords.words("Honestly, I just really want to be able to, you know, the export")
                .keySet())
        .containsExactly("export");
  }

  @Test
  void aTextIsSplitIntoSentencesWithContentWords() {
    var sentences =
        ContentWords.sentences(
            "Okta SSO please. Yeah, you know? The CSV export stops at ten rows!");

    assertThat(sentences)
        .extracting(ContentWords.Sentence::text)
        .containsExactly("Okta SSO please.", "The CSV export stops at ten rows!");
  }
}

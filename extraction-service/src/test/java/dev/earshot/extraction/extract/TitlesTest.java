package dev.earshot.extraction.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.extraction.detect.Kind;
import dev.earshot.text.TitleRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holding another model's title to {@link TitleRules}. */
class TitlesTest {

  private static final List<String> QUOTES =
      List.of("We really need a way to export the audit log every week.");

  @Test
  void aTitleThatKeepsTheRulesIsKeptAsWritten() {
    assertThat(Titles.kept("Weekly audit log export", QUOTES, Kind.FEATURE_REQUEST))
        .isEqualTo(new Titles.Checked("Weekly audit log export", false));
  }

  @Test
  void quotesAndAFinalFullStopAreTrimmedNotCountedAsARewrite() {
    assertThat(Titles.kept("\"Weekly audit log export.\"", QUOTES, Kind.FEATURE_REQUEST))
        .isEqualTo(new Titles.Checked("Weekly audit log export", false));
  }

  @Test
  void aCutOffSentenceIsWrittenAgainFromTheQuotes() {
    Titles.Checked checked =
        Titles.kept("It would be great if we could", QUOTES, Kind.FEATURE_REQUEST);

    assertThat(checked.rewritten()).isTrue();
    assertThat(TitleRules.broken(checked.title())).isEmpty();
    assertThat(checked.title().toLowerCase()).contains("export", "audit");
  }

  @Test
  void withNoQuotesTheKindNamesTheItem() {
    Titles.Checked checked = Titles.kept(null, List.of(), Kind.BUG);

    assertThat(checked.rewritten()).isTrue();
    assertThat(TitleRules.broken(checked.title())).isEmpty();
  }
}

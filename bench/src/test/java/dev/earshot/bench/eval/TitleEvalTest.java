package dev.earshot.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TitleEvalTest {

  @Test
  void aTitleNamesItsRequestWhenItSharesAStemmedContentWordWithTheReference() {
    TitleEval eval = new TitleEval("test");
    eval.addReference("Exporting invoices", "The invoice export stops at 10,000 rows.");
    eval.addReference("Whole story", "The invoice export stops at 10,000 rows.");
    eval.addReference("Push back", "Single sign-on with Okta");

    assertThat(eval.naming()).isEqualTo(1);
    Map<String, Object> figures = eval.asMap();
    assertThat(figures).containsEntry("matched", 3).containsEntry("naming_the_request", 1);
    // "Exporting invoices": both words stem to words of the reference; the others share none
    assertThat((double) figures.get("reference_word_share")).isEqualTo(0.333);
    assertThat(eval.lines()).anyMatch(l -> l.contains("titles naming the request        1 of 3"));
  }

  @Test
  void setsWithoutReferencesReportNoNamingFigures() {
    TitleEval eval = new TitleEval("reviews");
    eval.add("Dark mode option");

    assertThat(eval.asMap()).doesNotContainKey("naming_the_request");
    assertThat(eval.lines()).noneMatch(l -> l.contains("naming"));
  }
}

package dev.earshot.extraction.organise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.extract.ItemPriority;
import dev.earshot.extraction.extract.ItemSentiment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrganisingTest {

  private static FoundItem item(Kind kind, String area, String board, String category) {
    return new FoundItem(
        kind,
        "t",
        "d",
        ItemSentiment.NEUTRAL,
        ItemPriority.MEDIUM,
        area,
        List.of(),
        List.of(),
        null,
        board,
        category);
  }

  private final Organising organising =
      new Organising(
          Organising.DEFAULT_BOARDS,
          Map.of(
              "acme",
              List.of(
                  new Board(
                      "Platform",
                      List.of(
                          new Category("Mobile", Set.of(), Set.of("Mobile")),
                          new Category("Everything else", Set.of(), Set.of()))),
                  new Board(
                      "Support", List.of(new Category("Bugs", Set.of(Kind.BUG), Set.of()))))));

  @Test
  void theDefaultBoardHasACategoryPerKindAndEveryItemIsTaggedAsFromGong() {
    Placement p = organising.place("any-org", item(Kind.BUG, "Mobile", null, null));

    assertThat(p.board()).isEqualTo("Product feedback");
    assertThat(p.category()).isEqualTo("Bugs");
    assertThat(p.tags())
        .contains("source: gong", "source_type: integration", "kind: bug", "area: Mobile");
  }

  @Test
  void anOrgsOwnBoardsAreUsedInOrderOfTheirRules() {
    assertThat(organising.place("acme", item(Kind.UX, "Mobile", null, null)).category())
        .isEqualTo("Mobile");
    assertThat(organising.place("acme", item(Kind.UX, "Search", null, null)).category())
        .isEqualTo("Everything else");
  }

  @Test
  void aModelsChoiceIsKeptWhenTheOrgHasItAndIgnoredOtherwise() {
    assertThat(organising.place("acme", item(Kind.BUG, "Search", "Support", "Bugs")))
        .extracting(Placement::board, Placement::category)
        .containsExactly("Support", "Bugs");
    assertThat(organising.place("acme", item(Kind.BUG, "Search", "Imaginary", "Nope")))
        .extracting(Placement::board, Placement::category)
        .containsExactly("Platform", "Everything else");
  }

  @Test
  void theTaxonomyListsBoardsCategoriesAndAreas() {
    var taxonomy = organising.taxonomy("acme", List.of());

    assertThat(taxonomy.boards()).containsExactly("Platform", "Support");
    assertThat(taxonomy.categories()).containsExactly("Mobile", "Everything else", "Bugs");
  }
}

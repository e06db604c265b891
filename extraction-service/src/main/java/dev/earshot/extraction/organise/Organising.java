package dev.earshot.extraction.organise;

import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.extract.FeatureArea;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.model.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts an item on the org's boards: the board and category a model chose when the org has them,
 * else the first category whose rule takes the item's kind and area, on the first board that has
 * one. Every item is tagged {@code source: gong} and {@code source_type: integration}, with its
 * kind and area.
 */
public final class Organising {

  /** One board with a category per kind: what an org gets until it configures its own. */
  public static final List<Board> DEFAULT_BOARDS =
      List.of(
          new Board(
              "Product feedback",
              List.of(
                  new Category("Feature requests", Set.of(Kind.FEATURE_REQUEST), Set.of()),
                  new Category("Bugs", Set.of(Kind.BUG), Set.of()),
                  new Category("Limitations", Set.of(Kind.LIMITATION), Set.of()),
                  new Category("Usability", Set.of(Kind.UX), Set.of()))));

  private final List<Board> defaults;
  private final Map<String, List<Board>> perOrg;

  public Organising(List<Board> defaults, Map<String, List<Board>> perOrg) {
    if (defaults.isEmpty()) {
      throw new IllegalArgumentException("at least one default board is needed");
    }
    this.defaults = List.copyOf(defaults);
    this.perOrg = Map.copyOf(perOrg);
  }

  public List<Board> boardsOf(String orgId) {
    return perOrg.getOrDefault(orgId, defaults);
  }

  public Taxonomy taxonomy(String orgId, List<FeatureArea> areas) {
    List<Board> boards = boardsOf(orgId);
    return new Taxonomy(
        boards.stream().map(Board::name).toList(),
        boards.stream()
            .flatMap(b -> b.categories().stream())
            .map(Category::name)
            .distinct()
            .toList(),
        areas);
  }

  public Placement place(String orgId, FoundItem item) {
    List<Board> boards = boardsOf(orgId);
    String board = null;
    String category = null;
    for (Board b : boards) {
      if (b.name().equals(item.board())) {
        board = b.name();
        category =
            b.categories().stream()
                .map(Category::name)
                .filter(name -> name.equals(item.category()))
                .findFirst()
                .orElse(null);
      }
    }
    if (category == null) {
      for (Board b :
          board == null
              ? boards
              : boards.stream().filter(x -> x.name().equals(item.board())).toList()) {
        var rule =
            b.categories().stream()
                .filter(c -> c.takes(item.kind(), item.featureArea()))
                .findFirst();
        if (rule.isPresent()) {
          board = b.name();
          category = rule.get().name();
          break;
        }
      }
    }
    if (board == null) {
      board = boards.getFirst().name();
    }
    return new Placement(board, category, tags(item));
  }

  static List<String> tags(FoundItem item) {
    List<String> tags = new ArrayList<>();
    tags.add("source: gong");
    tags.add("source_type: integration");
    tags.add("kind: " + item.kind().label());
    if (item.featureArea() != null) {
      tags.add("area: " + item.featureArea());
    }
    return tags;
  }
}

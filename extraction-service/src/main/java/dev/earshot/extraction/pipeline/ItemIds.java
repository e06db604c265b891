package dev.earshot.extraction.pipeline;

import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.extract.ItemQuote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deterministic item ids: a name-based UUID of the call and the item's first quote (where and by
 * whom it was said). Extracting the same call again gives the same ids, so a redelivered call adds
 * nothing downstream. Two items of one call whose first quotes are the same sentence (a language
 * model may make two requests of one sentence) are told apart by their place among such items.
 */
public final class ItemIds {

  private ItemIds() {}

  /**
   * The ids of a call's items, in the model's order: each from the call and its first quote, and,
   * for the second and later items sharing a first quote, its place among them ({@code |2}, {@code
   * |3}…), so every id of a call is different (dedup takes an id it holds for a redelivery and
   * drops it) while an item alone on its first quote keeps the id it always had.
   */
  public static List<String> of(String callId, List<FoundItem> items) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> ids = new ArrayList<>(items.size());
    for (FoundItem item : items) {
      String anchor = anchor(item);
      int place = seen.merge(anchor, 1, Integer::sum);
      ids.add(id(callId, place == 1 ? anchor : anchor + "|" + place));
    }
    return ids;
  }

  private static String anchor(FoundItem item) {
    ItemQuote first =
        item.quotes().stream().min(Comparator.comparingLong(ItemQuote::startMs)).orElse(null);
    return first == null
        ? item.kind() + "|" + item.title()
        : first.startMs() + "|" + first.speakerId();
  }

  private static String id(String callId, String anchor) {
    return UUID.nameUUIDFromBytes((callId + "|" + anchor).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}

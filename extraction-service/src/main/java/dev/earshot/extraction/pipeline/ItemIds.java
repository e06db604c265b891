package dev.earshot.extraction.pipeline;

import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.extract.ItemQuote;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.UUID;

/**
 * Deterministic item ids: a name-based UUID of the call and the item's first quote (where and by
 * whom it was said). Extracting the same call again gives the same ids, so a redelivered call adds
 * nothing downstream.
 */
public final class ItemIds {

  private ItemIds() {}

  public static String of(String callId, FoundItem item) {
    ItemQuote first =
        item.quotes().stream().min(Comparator.comparingLong(ItemQuote::startMs)).orElse(null);
    String anchor =
        first == null
            ? item.kind() + "|" + item.title()
            : first.startMs() + "|" + first.speakerId();
    return UUID.nameUUIDFromBytes((callId + "|" + anchor).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}

package dev.earshot.extraction.extract;

import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.detect.Kind;
import java.util.List;

/**
 * One distinct piece of feedback found in a call, before it is organised onto a board.
 *
 * @param author the customer who voiced it (null when no customer can be named)
 * @param board the board a model chose, or null to let the org's rules decide
 * @param category the category a model chose, or null
 */
public record FoundItem(
    Kind kind,
    String title,
    String description,
    ItemSentiment sentiment,
    ItemPriority priority,
    String featureArea,
    List<String> painPoints,
    List<ItemQuote> quotes,
    Speaker author,
    String board,
    String category) {}

package dev.earshot.extraction.organise;

import dev.earshot.extraction.detect.Kind;
import java.util.Set;

/** A category on a board, and which items it takes: an empty set of kinds (or areas) takes any. */
public record Category(String name, Set<Kind> kinds, Set<String> areas) {

  boolean takes(Kind kind, String area) {
    return (kinds.isEmpty() || kinds.contains(kind)) && (areas.isEmpty() || areas.contains(area));
  }
}

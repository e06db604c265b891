package dev.earshot.extraction.organise;

import java.util.List;

/** Where an item goes and how it is tagged. */
public record Placement(String board, String category, List<String> tags) {}

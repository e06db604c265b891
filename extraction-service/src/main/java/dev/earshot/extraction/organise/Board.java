package dev.earshot.extraction.organise;

import java.util.List;

/** A feedback board and its categories, in the order they are tried. */
public record Board(String name, List<Category> categories) {}

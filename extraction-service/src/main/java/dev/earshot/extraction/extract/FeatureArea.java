package dev.earshot.extraction.extract;

/** A product area items are sorted into, described in words an embedding model can match. */
public record FeatureArea(String name, String description) {}

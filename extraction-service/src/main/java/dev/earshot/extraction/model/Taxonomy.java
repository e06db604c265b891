package dev.earshot.extraction.model;

import dev.earshot.extraction.extract.FeatureArea;
import java.util.List;

/**
 * The org's boards, categories and feature areas, which a model may choose from.
 *
 * @param boards board names, the default first
 * @param categories category names across boards
 */
public record Taxonomy(List<String> boards, List<String> categories, List<FeatureArea> areas) {}

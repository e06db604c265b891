package dev.earshot.dedup.post;

import java.util.List;

/** {@code GET /api/v1/posts/suggestions}: one page of the org's open merge suggestions. */
record SuggestionPage(List<SuggestionView> items, int page, int size, long total) {}

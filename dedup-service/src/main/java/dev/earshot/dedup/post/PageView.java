package dev.earshot.dedup.post;

import java.util.List;

/** {@code GET /api/v1/posts}: one page of the org's posts. */
record PageView(List<PostView> items, int page, int size, long total) {}

package dev.earshot.dedup.post;

import java.util.UUID;

/** The body of {@code POST /api/v1/posts/{id}/merge}: the post to merge into this one. */
record MergeBody(UUID from) {}

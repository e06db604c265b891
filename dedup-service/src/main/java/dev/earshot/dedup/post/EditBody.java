package dev.earshot.dedup.post;

/** The body of {@code PATCH /api/v1/posts/{id}}: each field given changes, the others stay. */
record EditBody(String title, String description, String status) {}

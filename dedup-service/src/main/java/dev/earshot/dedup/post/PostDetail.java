package dev.earshot.dedup.post;

import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/posts/{id}}: the post, its mentions and what people did to it. */
record PostDetail(PostView post, List<MentionView> mentions, List<Map<String, Object>> history) {}

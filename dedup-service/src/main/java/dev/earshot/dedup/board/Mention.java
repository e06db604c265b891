package dev.earshot.dedup.board;

import java.time.Instant;
import java.util.UUID;

/**
 * A feedback item on a post.
 *
 * @param id mention id
 * @param postId the post it is on
 * @param item what the item said and who said it
 * @param createdAt when it was added
 */
public record Mention(UUID id, UUID postId, NewMention item, Instant createdAt) {}

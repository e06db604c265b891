/**
 * The board's use cases: consolidating items into posts, reading, editing, merging, splitting; its
 * Kafka edge ({@code FeedbackItemListener}: feedback items from feedback.items.v1 onto the board)
 * and the index's upkeep.
 */
package dev.earshot.dedup.post;

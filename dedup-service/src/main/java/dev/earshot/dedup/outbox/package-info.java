/** The transactional outbox to feedback.posts.v1: rows written with each change, then published. */
package dev.earshot.dedup.outbox;

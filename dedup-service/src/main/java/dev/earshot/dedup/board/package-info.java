/** The feedback board's domain: posts, their mentions, and when an item joins a post. */
package dev.earshot.dedup.board;

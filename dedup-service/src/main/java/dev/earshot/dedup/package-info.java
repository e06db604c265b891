/**
 * dedup-service: embeds feedback items, finds their posts by vector search, and keeps the board.
 */
package dev.earshot.dedup;

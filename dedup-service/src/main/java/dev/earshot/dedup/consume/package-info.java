/** The Kafka edge: feedback items from feedback.items.v1 onto the board. */
package dev.earshot.dedup.consume;

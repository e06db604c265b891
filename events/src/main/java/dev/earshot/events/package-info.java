/**
 * The topic contracts: Avro records generated from {@code src/main/avro}, the topic names in {@link
 * dev.earshot.events.Topics}, and the serde every producer and consumer uses.
 */
package dev.earshot.events;

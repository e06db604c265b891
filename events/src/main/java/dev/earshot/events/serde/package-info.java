/** Avro single-object encoding for Kafka, resolving old writer schemas from the released set. */
package dev.earshot.events.serde;

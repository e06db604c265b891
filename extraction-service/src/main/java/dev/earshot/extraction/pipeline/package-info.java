/**
 * The use cases: extracting a call into feedback items, detecting feedback in text; and their Kafka
 * edge.
 */
package dev.earshot.extraction.pipeline;

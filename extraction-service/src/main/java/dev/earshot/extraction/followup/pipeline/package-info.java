/**
 * The Kafka edge of follow-up drafts: a listener with its own consumer group ({@code followups}) on
 * gong.calls.v1 that publishes to calls.followups.v1, and the drafts' metrics.
 */
package dev.earshot.extraction.followup.pipeline;

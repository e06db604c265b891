/**
 * Finding calls: the scheduled poller per workspace and chunked, resumable backfills of 1-60 days.
 */
package dev.earshot.ingest.poll;

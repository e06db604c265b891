/**
 * Fetching calls: every sighting lands once in the call ledger; batches of up to 100 due calls are
 * fetched with one extensive and one transcript request, and published on gong.calls.v1.
 */
package dev.earshot.ingest.fetch;

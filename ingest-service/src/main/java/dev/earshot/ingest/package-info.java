/**
 * ingest-service: the only service holding Gong credentials. It connects orgs to Gong, keeps the
 * credentials encrypted and fresh, polls, backfills and fetches calls, and publishes them.
 */
package dev.earshot.ingest;

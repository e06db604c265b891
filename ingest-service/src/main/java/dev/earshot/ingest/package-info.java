/**
 * ingest-service: the only service holding Gong credentials. It connects orgs to Gong, keeps the
 * credentials encrypted and fresh, and (later) polls, backfills and fetches calls.
 */
package dev.earshot.ingest;

/**
 * The read-only Gong proxy for admins ({@code /api/v1/gong/{path}}): an allow-listed read of Gong's
 * API v2 forwarded to the org's connection, within its rate limiter, with private calls withheld.
 * ingest-service stays the only holder of Gong credentials and the only path to Gong.
 */
package dev.earshot.ingest.proxy;

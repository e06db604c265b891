/**
 * Connecting an org to its Gong workspace: API key (OAuth in {@code oauth}), encrypted credentials,
 * masked reads, health checks, disconnect, and the connection's state on gong.connections.v1.
 */
package dev.earshot.ingest.connection;

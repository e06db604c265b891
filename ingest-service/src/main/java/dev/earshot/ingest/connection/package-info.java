/**
 * Connecting an org to its Gong workspace: API key or OAuth, encrypted credentials, masked reads,
 * health checks, token refresh, disconnect, and the connection's state on gong.connections.v1.
 */
package dev.earshot.ingest.connection;

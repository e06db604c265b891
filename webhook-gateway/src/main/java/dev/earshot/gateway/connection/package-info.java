/**
 * The connections webhooks may arrive for, read from the compacted gong.connections.v1 by a feed
 * that sets unreadable records aside and retries outages; its condition is readiness and liveness.
 */
package dev.earshot.gateway.connection;

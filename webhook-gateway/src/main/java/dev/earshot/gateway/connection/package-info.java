/** The connections webhooks may arrive for, read from the compacted gong.connections.v1. */
package dev.earshot.gateway.connection;

/**
 * webhook-gateway: receives Gong's webhooks, authenticates them against the connections read from
 * gong.connections.v1, and publishes call events on gong.call-events.v1 before answering 2xx.
 */
package dev.earshot.gateway;

/**
 * The Gong client: one request path with limits, retries, typed errors and metrics; paging and
 * batching on top.
 */
package dev.earshot.gong.client;

/**
 * Gong's REST API v2 as typed Java: records for every request and response ({@code api}), the
 * client with limits, retries, paging and batching ({@code client}), auth ({@code auth}), the
 * base-URL guard ({@code url}) and the rate limiter ({@code limit}). No Spring.
 */
package dev.earshot.gong;

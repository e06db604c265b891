/**
 * ingest-service's internal read API for other Earshot services ({@code /internal/v1/...}): one
 * call's Gong summary and the calls of a window, read from Gong through the org's connection (its
 * client, rate limiter and holds, as the admins' proxy reads), private calls never shown and
 * transcript words never read. Only service tokens reach it ({@code EarshotSecurity}).
 */
package dev.earshot.ingest.internal;

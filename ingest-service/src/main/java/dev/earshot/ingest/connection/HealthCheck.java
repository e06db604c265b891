package dev.earshot.ingest.connection;

import java.time.Instant;

/**
 * The last time Earshot listed users through the connection.
 *
 * @param at when
 * @param ok whether Gong answered
 * @param users how many users Gong listed
 * @param detail Gong's error when not ok
 */
public record HealthCheck(Instant at, boolean ok, int users, String detail) {}

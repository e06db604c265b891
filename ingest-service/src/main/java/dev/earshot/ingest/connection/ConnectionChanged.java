package dev.earshot.ingest.connection;

import java.util.UUID;

/**
 * A connection was created, changed or disconnected. Recorded in the event publication registry in
 * the same transaction as the change; {@link ConnectionStatePublisher} publishes the state.
 */
public record ConnectionChanged(UUID connectionId) {}

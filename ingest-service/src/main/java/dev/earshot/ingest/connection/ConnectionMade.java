package dev.earshot.ingest.connection;

import java.util.UUID;

/**
 * A connection was made and may call Gong: published in the connecting transaction, so listeners
 * that start a backfill commit with it, and listeners that subscribe webhooks run after it.
 *
 * @param backfillDays the backfill the admin chose when connecting (1-60 days), or null
 */
public record ConnectionMade(UUID connectionId, String orgId, Integer backfillDays) {}

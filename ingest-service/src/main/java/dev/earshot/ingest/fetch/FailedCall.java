package dev.earshot.ingest.fetch;

import java.time.Instant;

/**
 * A call parked {@link CallState#FAILED}, as the ingestion API shows it.
 *
 * @param failures attempts made before it was parked
 * @param reason why the last attempt failed (no call content)
 * @param failedAt when it was parked
 */
public record FailedCall(String callId, int failures, String reason, Instant failedAt) {}

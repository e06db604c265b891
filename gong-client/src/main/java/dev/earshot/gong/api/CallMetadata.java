package dev.earshot.gong.api;

import java.time.Instant;

/**
 * A call's metadata: an item of {@code GET /v2/calls} and the {@code metaData} of an extensive
 * call. {@code duration} is in seconds; times parse from ISO-8601 or epoch seconds.
 */
public record CallMetadata(
    String id,
    String url,
    String title,
    Instant scheduled,
    Instant started,
    long duration,
    String primaryUserId,
    String direction,
    String system,
    String scope,
    String media,
    String language,
    String workspaceId,
    boolean isPrivate) {}

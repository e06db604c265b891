package dev.earshot.gong.api;

import java.time.Instant;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A call's metadata: an item of {@code GET /v2/calls} and the {@code metaData} of an extensive
 * call. {@code duration} is in seconds (0 when absent); times parse from ISO-8601 or epoch seconds.
 *
 * @param isPrivate Gong's flag, or null when the payload did not carry it as a JSON boolean (read
 *     it through {@link #privacy()}: absent is not the same as false; see {@link PrivacyFlag})
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
    @JsonDeserialize(using = PrivacyFlag.class) Boolean isPrivate) {

  /** Gong's privacy flag as a fail-closed value: absent is {@link Privacy#UNKNOWN}. */
  public Privacy privacy() {
    return Privacy.of(isPrivate);
  }
}

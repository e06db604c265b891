package dev.earshot.ingest.fetch;

import dev.earshot.gong.api.Privacy;
import java.util.Optional;

/**
 * "A private call is never fetched", named once and applied at the three doors a call comes
 * through: a listing (the poller's and backfills' {@code CallSightings}), a webhook sighting
 * ({@link Sighting}) and the fetch itself ({@link FetchingCalls}). Privacy fails closed: a call
 * Gong said is private is recorded as private and nothing more of it is read; a call's content (its
 * webhook call data kept as metadata, its transcript) is read only when Gong said {@code isPrivate:
 * false} explicitly.
 */
public final class PrivateCallPolicy {

  private PrivateCallPolicy() {}

  /**
   * Whether a sighted call goes into the ledger as {@link CallState#PRIVATE} at once (its sighting
   * is all Earshot ever keeps of it): Gong said it is private.
   */
  public static boolean recordedPrivate(Privacy privacy) {
    return privacy == Privacy.PRIVATE;
  }

  /** Whether the call's content may be read: only when Gong said it is not private. */
  public static boolean mayRead(Privacy privacy) {
    return privacy.knownPublic();
  }

  /**
   * At the fetch, why a call's transcript is not requested; empty when it may be read.
   *
   * @return {@link FetchOutcome.PrivateCall#SAID_PRIVATE} when Gong said private, {@link
   *     FetchOutcome.PrivateCall#NOT_SAID_PUBLIC} when it said nothing
   */
  static Optional<FetchOutcome.PrivateCall> withheld(Privacy privacy) {
    if (mayRead(privacy)) {
      return Optional.empty();
    }
    return Optional.of(
        recordedPrivate(privacy)
            ? FetchOutcome.PrivateCall.SAID_PRIVATE
            : FetchOutcome.PrivateCall.NOT_SAID_PUBLIC);
  }
}

package dev.earshot.ingest.fetch;

import dev.earshot.events.Call;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.ingest.IngestProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a call published without Gong's brief is asked for again ({@code
 * earshot.ingest.fetch.summaries.*}): the first re-check {@code initialDelay} after publication,
 * each later one after twice the previous wait up to {@code maxDelay}, never later than {@code
 * giveUpAfter} after publication; a re-check at or past that age that still finds no brief gives
 * up. Pure: {@link FetchingCalls} applies it, the ledger keeps its inputs.
 */
record PendingSummaries(
    boolean enabled, Duration initialDelay, Duration maxDelay, Duration giveUpAfter) {

  static PendingSummaries of(IngestProperties.SummaryRechecks settings) {
    return new PendingSummaries(
        settings.enabled(), settings.initialDelay(), settings.maxDelay(), settings.giveUpAfter());
  }

  /** Whether the call record carries Gong's brief (its AI summary): non-blank text. */
  static boolean hasBrief(Call call) {
    return call.getContent() != null && isBrief(call.getContent().getBrief());
  }

  /** Whether Gong's extensive answer for the call carries its brief: non-blank text. */
  static boolean hasBrief(ExtensiveCall call) {
    return call.content() != null && isBrief(call.content().brief());
  }

  /** Whether Gong's brief text is there: non-null and not blank. */
  static boolean isBrief(String brief) {
    return brief != null && !brief.isBlank();
  }

  /**
   * When the first re-check of a call published without its brief at {@code publishedAt} is due.
   */
  Instant first(Instant publishedAt) {
    return earliest(publishedAt.plus(initialDelay), deadline(publishedAt));
  }

  /**
   * After a re-check at {@code now} that found no brief, when the next one is due; empty when the
   * call is given up (the check was at or past {@code giveUpAfter}).
   *
   * @param pendingSince when the call was published without its brief
   * @param checks re-checks made so far, this one included (at least 1)
   */
  Optional<Instant> next(Instant pendingSince, int checks, Instant now) {
    Instant deadline = deadline(pendingSince);
    if (!now.isBefore(deadline)) {
      return Optional.empty();
    }
    return Optional.of(
        earliest(now.plus(FetchingCalls.doubling(checks + 1, initialDelay, maxDelay)), deadline));
  }

  private Instant deadline(Instant pendingSince) {
    return pendingSince.plus(giveUpAfter);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}

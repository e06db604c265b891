package dev.earshot.ingest.poll;

import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.connection.WorkspaceConnection;
import dev.earshot.ingest.fetch.FailedCall;
import dev.earshot.ingest.fetch.ReadingCallLedger;
import dev.earshot.kit.security.CurrentOrg;
import dev.earshot.kit.web.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Backfills and the poll/backfill state of the org's connection. */
@RestController
@RequestMapping("/api/v1/connections/current")
class IngestionController {

  /** {@code days}: 1 to 60. */
  record BackfillBody(Integer days) {}

  /**
   * Whether the background loops call Gong for the connection now, and if not, why.
   *
   * @param callingGong whether polling, fetching and backfills run for it now
   * @param status the connection's status (lower case)
   * @param statusReason why Gong's refusal holds it ({@code unauthorized}, {@code forbidden},
   *     {@code insufficient_scope}) until an admin fixes it, or null
   * @param pausedUntil when its pause ends by itself (Gong's {@code Retry-After}, or the local
   *     quota), or null
   * @param pauseReason why it is paused, or null
   */
  record Loops(
      boolean callingGong,
      String status,
      String statusReason,
      Instant pausedUntil,
      String pauseReason) {

    static Loops of(WorkspaceConnection connection, Instant now) {
      boolean paused = connection.pausedAt(now);
      return new Loops(
          connection.callableAt(now),
          connection.status().apiName(),
          connection.status().usable() ? null : connection.statusReason(),
          paused ? connection.pausedUntil() : null,
          paused ? connection.pauseReason() : null);
    }

    /** What a running backfill waits for, or null when it runs. */
    String waitingFor() {
      if (callingGong) {
        return null;
      }
      if (pausedUntil != null) {
        return "paused until " + pausedUntil + ": " + pauseReason;
      }
      return "the connection is " + status + (statusReason == null ? "" : ": " + statusReason);
    }
  }

  /**
   * The connection's ingestion as the API shows it.
   *
   * @param loops whether the loops call Gong for it now, and if not, why
   * @param poll the poller's window and schedule, or null before the first poll
   * @param backfill the latest backfill, or null
   * @param calls the connection's ledger by state (lower case: new, awaiting_transcript, published,
   *     private, gave_up, failed)
   * @param summariesPending how many of the published calls are re-checked for Gong's brief, which
   *     did not exist yet when they were published (they are republished once it does)
   * @param failedCalls the latest calls parked {@code failed}, newest first, with their reasons
   */
  record IngestionState(
      Loops loops,
      PollingCalls.PollState poll,
      BackfillProgress backfill,
      Map<String, Long> calls,
      long summariesPending,
      List<FailedCall> failedCalls) {}

  /** How many failed calls the ingestion state lists. */
  static final int FAILED_CALLS_SHOWN = 20;

  private final BackfillingCalls backfills;
  private final PollingCalls polling;
  private final OpeningGongSessions sessions;
  private final ReadingCallLedger ledger;
  private final Clock clock;

  IngestionController(
      BackfillingCalls backfills,
      PollingCalls polling,
      OpeningGongSessions sessions,
      ReadingCallLedger ledger,
      Clock clock) {
    this.backfills = backfills;
    this.polling = polling;
    this.sessions = sessions;
    this.ledger = ledger;
    this.clock = clock;
  }

  @PostMapping("/backfill")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<BackfillProgress> backfill(
      @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) BackfillBody body) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(backfills.start(CurrentOrg.of(jwt).orgId(), body == null ? null : body.days()));
  }

  @GetMapping("/backfill")
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  BackfillProgress backfillProgress(@AuthenticationPrincipal Jwt jwt) {
    WorkspaceConnection connection = connection(jwt);
    String waitingFor = Loops.of(connection, clock.instant()).waitingFor();
    return backfills
        .progress(connection.id())
        .map(progress -> progress.waitingFor(waitingFor))
        .orElseThrow(
            () ->
                new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "no-backfill",
                    "No backfill",
                    "This connection has not been backfilled; POST a backfill to start one."));
  }

  @GetMapping("/ingestion")
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  IngestionState ingestion(@AuthenticationPrincipal Jwt jwt) {
    WorkspaceConnection connection = connection(jwt);
    Map<String, Long> calls = new LinkedHashMap<>();
    ledger
        .countsByState(connection.id())
        .forEach((state, n) -> calls.put(state.name().toLowerCase(Locale.ROOT), n));
    Loops loops = Loops.of(connection, clock.instant());
    return new IngestionState(
        loops,
        polling.stateOf(connection.id()).orElse(null),
        backfills
            .progress(connection.id())
            .map(progress -> progress.waitingFor(loops.waitingFor()))
            .orElse(null),
        calls,
        ledger.summariesPending(connection.id()),
        ledger.latestFailed(connection.id(), FAILED_CALLS_SHOWN));
  }

  private WorkspaceConnection connection(Jwt jwt) {
    return sessions
        .liveOf(CurrentOrg.of(jwt).orgId())
        .orElseThrow(
            () ->
                new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "no-connection",
                    "No Gong connection",
                    "This org has no Gong connection."));
  }
}

package dev.earshot.ingest.fetch;

import dev.earshot.gong.api.CallElement;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.connection.OpeningGongSessions.GongSession;
import dev.earshot.ingest.connection.WorkspaceConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;

/**
 * Fetches due calls per connection in batches of up to 100: one {@code calls/extensive} request for
 * the batch's calls (all but those a webhook described within {@link #WEBHOOK_DATA_FRESH} and not
 * tried yet: a call can be made private while its transcript is late, so an earlier answer is not
 * trusted again), then one {@code calls/transcript} request for the batch minus every call whose
 * metadata does not say {@code isPrivate: false} (privacy fails closed). A partial batch waits up
 * to {@code batchWait} for more calls.
 *
 * <p>Each call is assembled and encoded on its own before anything is sent ({@link
 * PublishableCall}); a call that cannot be (an unreadable element of Gong's answer, a value that
 * breaks assembly or encoding, a record over the topic's limit, a record Kafka refuses) is retried
 * with backoff and parked {@code FAILED} after {@code failures.maxAttempts}, while its batch-mates
 * go to gong.calls.v1 once (keyed by call id, acks=all) and are marked published in the transaction
 * that locked them. Calls without a transcript yet wait with capped exponential backoff and are
 * given up, with a metric, after {@code giveUpAfter}.
 *
 * <p>A call published without Gong's brief (Gong writes it after analysis) stays in the ledger with
 * its summary pending ({@link PendingSummaries}) and comes back due in this same loop: it shares
 * the extensive request of its connection's batch, is asked for a transcript only once the brief is
 * there, and is then republished under the same key; a call that turned private is not (counted
 * {@code private_skipped{stage=summary_recheck}}), and one whose brief never came is given up
 * ({@code earshot.ingest.calls.summary_gave_up}).
 *
 * <p>Connections are served in turns, one batch each per turn, so one connection's backlog never
 * holds another's calls; a connection whose batch fails (Gong refuses it, anything else) leaves the
 * run and the others go on. When Kafka does not answer a publish (a batch's calls, or a listing's
 * call events), the replica fetches nothing for {@link #UNANSWERED_WAIT} ({@link KafkaWait}: Kafka
 * is shared, so the next batch would meet it too and only spend Gong requests; the poll and
 * backfill loops list nothing meanwhile either); a record Kafka refuses for its own sake pauses
 * nothing. Gong's refusals hold or pause the connection ({@link RefusedRequests}); its calls stay
 * due and wait, without a request, until an admin fixes it or the pause ends.
 */
@Service
public class FetchingCalls {

  /**
   * How long this replica fetches nothing after Kafka did not answer a publish, and how long the
   * calls it did not answer for wait: each fetch asks Gong twice ({@code calls/extensive} and
   * {@code calls/transcript}), so during a Kafka outage a replica spends 2 requests per 5 minutes
   * (576 a day) of Gong's daily 10,000, whatever the backlog and however many connections, instead
   * of 2 at every fetch run (every few seconds, bounded by the publish timeout).
   */
  static final Duration UNANSWERED_WAIT = KafkaWait.WAIT;

  private static final Logger log = LoggerFactory.getLogger(FetchingCalls.class);

  /**
   * How long a webhook's call data stands in for Gong's metadata: a call first tried within this of
   * its webhook uses it (and saves the extensive request); later, or at any retry, Gong is asked.
   */
  static final Duration WEBHOOK_DATA_FRESH = Duration.ofMinutes(5);

  /**
   * What one batch came to.
   *
   * @param handled calls settled one way or another; 0 when nothing could be done now
   * @param published calls acknowledged on gong.calls.v1
   * @param stop whether the connection should get no further batch in this run
   */
  record BatchResult(int handled, int published, boolean stop) {
    static final BatchResult NOTHING = new BatchResult(0, 0, true);

    boolean more() {
      return handled > 0 && !stop;
    }
  }

  private final CallLedger ledger;
  private final OpeningGongSessions sessions;
  private final CallPublisher publisher;
  private final RefusedRequests refusals;
  private final TransactionTemplate transactions;
  private final IngestProperties.Fetch settings;
  private final Batching batching;
  private final PendingSummaries summaries;
  private final MeterRegistry meters;
  private final Clock clock;
  private final KafkaWait kafkaWait;

  FetchingCalls(
      CallLedger ledger,
      OpeningGongSessions sessions,
      CallPublisher publisher,
      RefusedRequests refusals,
      TransactionTemplate transactions,
      IngestProperties properties,
      KafkaWait kafkaWait,
      MeterRegistry meters,
      Clock clock) {
    this.ledger = ledger;
    this.sessions = sessions;
    this.publisher = publisher;
    this.refusals = refusals;
    this.transactions = transactions;
    this.settings = properties.fetch();
    this.batching = new Batching(settings.batchSize(), settings.batchWait());
    this.summaries = PendingSummaries.of(settings.summaries());
    this.meters = meters;
    this.clock = clock;
    this.kafkaWait = kafkaWait;
  }

  @Scheduled(fixedDelayString = "#{" + IngestProperties.BEAN + ".fetch().interval()}")
  public void scheduled() {
    fetchDue();
  }

  /**
   * Fetches every batch this replica can lock that was due when the run began (a call retried
   * during the run waits for the next one), one batch per connection per turn; returns how many
   * calls it published. Calls of connections that cannot call Gong now stay due, and so does every
   * call while this replica waits for Kafka ({@link #UNANSWERED_WAIT}).
   */
  public int fetchDue() {
    Instant dueBy = clock.instant();
    if (kafkaWait.holds(dueBy)) {
      return 0;
    }
    Set<UUID> usable =
        sessions.usable().stream().map(WorkspaceConnection::id).collect(Collectors.toSet());
    Deque<UUID> turns = new ArrayDeque<>();
    ledger.connectionsWithDueCalls(dueBy).stream().filter(usable::contains).forEach(turns::add);
    int published = 0;
    while (!turns.isEmpty() && !kafkaWait.holds(clock.instant())) {
      UUID connection = turns.poll();
      BatchResult batch = fetchBatchAlone(connection, dueBy);
      published += batch.published();
      if (batch.more()) {
        turns.add(connection);
      }
    }
    return published;
  }

  /** One batch in its own transaction; whatever fails stays with this connection. */
  private BatchResult fetchBatchAlone(UUID connection, Instant dueBy) {
    try {
      BatchResult batch = transactions.execute(tx -> fetchBatch(connection, dueBy));
      return batch == null ? BatchResult.NOTHING : batch;
    } catch (RuntimeException failure) { // the boundary of one connection: the others go on
      meters.counter("earshot.ingest.fetch.failures", "status", "error").increment();
      log.atWarn()
          .addKeyValue("connectionId", connection)
          .addKeyValue("error", failure.getClass().getSimpleName())
          .setCause(failure)
          .log("fetching a batch failed; its calls stay due and other connections go on");
      return BatchResult.NOTHING;
    }
  }

  /** One batch of calls of one connection due by {@code dueBy}, in the caller's transaction. */
  BatchResult fetchBatch(UUID connectionId, Instant dueBy) {
    Instant now = clock.instant();
    List<CallLedger.DueCall> due = ledger.lockDue(connectionId, dueBy, settings.batchSize());
    if (due.isEmpty() || !batching.ready(due.size(), due.getFirst().dueSince(), now)) {
      return BatchResult.NOTHING;
    }
    var session = sessions.open(connectionId);
    if (session.isEmpty()) {
      return BatchResult.NOTHING;
    }
    Map<String, FetchOutcome> outcomes;
    try {
      outcomes = fetch(session.get(), due, now);
    } catch (GongApiException failure) {
      refusals.gongFailed(connectionId, "fetch", failure);
      return BatchResult.NOTHING;
    } catch (GongRateLimiter.QuotaExhausted exhausted) {
      refusals.quotaSpent(connectionId, "fetch", exhausted);
      return BatchResult.NOTHING;
    }
    return settle(connectionId, due, outcomes, now);
  }

  private Map<String, FetchOutcome> fetch(
      GongSession session, List<CallLedger.DueCall> due, Instant now) {
    Map<String, FetchOutcome> outcomes = new HashMap<>();
    Map<String, ExtensiveCall> extensive = new LinkedHashMap<>();
    // A call can be made private while its transcript is late, so stored metadata is trusted only
    // when a webhook delivered it moments ago (first attempt, within WEBHOOK_DATA_FRESH); every
    // other due call's metadata is read from Gong again, and privacy decided on that answer.
    Set<String> asked = new LinkedHashSet<>();
    for (CallLedger.DueCall call : due) {
      if (call.extensive() == null
          || call.attempts() > 0
          || call.firstSeenAt().isBefore(now.minus(WEBHOOK_DATA_FRESH))) {
        asked.add(call.callId());
        continue;
      }
      try {
        extensive.put(
            call.callId(), GongJson.mapper().readValue(call.extensive(), ExtensiveCall.class));
      } catch (JacksonException unreadable) {
        asked.add(call.callId()); // Gong's answer instead
      }
    }
    for (CallElement<ExtensiveCall> element :
        asked.isEmpty()
            ? List.<CallElement<ExtensiveCall>>of()
            : session
                .client()
                .extensiveElementsFor(asked, ContentSelector.everythingEarshotUses())) {
      if (element.callId() == null || !asked.contains(element.callId())) {
        continue; // not about a call asked for: nothing to attach it to
      }
      if (element.readable()) {
        extensive.putIfAbsent(element.callId(), element.value());
      } else {
        outcomes.putIfAbsent(
            element.callId(),
            new FetchOutcome.Unfit(
                "unreadable_metadata", "Gong's extensive element: " + element.problem()));
      }
    }
    Set<String> rechecks =
        due.stream()
            .filter(CallLedger.DueCall::summaryRecheck)
            .map(CallLedger.DueCall::callId)
            .collect(Collectors.toSet());
    List<String> wantTranscript = new ArrayList<>();
    extensive.forEach(
        (id, call) -> {
          // Fail closed: only a call Gong explicitly said is not private has its transcript read.
          PrivateCallPolicy.withheld(call.metaData().privacy())
              .ifPresentOrElse(
                  why -> outcomes.put(id, why),
                  () -> {
                    if (rechecks.contains(id) && !PendingSummaries.hasBrief(call)) {
                      outcomes.put(id, new FetchOutcome.StillNoSummary());
                    } else {
                      wantTranscript.add(id);
                    }
                  });
        });
    if (wantTranscript.isEmpty()) {
      return outcomes;
    }
    Map<String, CallElement<CallTranscript>> transcripts = new HashMap<>();
    for (CallElement<CallTranscript> element :
        session.client().transcriptElementsFor(wantTranscript)) {
      if (element.callId() != null) {
        transcripts.putIfAbsent(element.callId(), element);
      }
    }
    for (String id : wantTranscript) {
      CallElement<CallTranscript> transcript = transcripts.get(id);
      outcomes.put(
          id,
          transcript == null
              ? new FetchOutcome.TranscriptPending(
                  GongJson.mapper().writeValueAsString(extensive.get(id)))
              : transcript.readable()
                  ? PublishableCall.of(
                      session.connectionId().toString(),
                      session.orgId(),
                      extensive.get(id),
                      transcript.value(),
                      now,
                      settings.maxCallBytes().toBytes())
                  : new FetchOutcome.Unfit(
                      "unreadable_transcript",
                      "Gong's transcript element: " + transcript.problem()));
    }
    return outcomes;
  }

  private BatchResult settle(
      UUID connectionId,
      List<CallLedger.DueCall> due,
      Map<String, FetchOutcome> outcomes,
      Instant now) {
    List<FetchOutcome.Fetched> fetched = new ArrayList<>();
    for (CallLedger.DueCall call : due) {
      if (outcomes.get(call.callId()) instanceof FetchOutcome.Fetched f) {
        fetched.add(f);
      }
    }
    CallPublisher.Sent sent =
        publisher.send(fetched.stream().map(FetchOutcome.Fetched::call).toList());
    List<String> published = new ArrayList<>();
    List<String> withoutBrief = new ArrayList<>();
    List<String> privateCalls = new ArrayList<>();
    int republished = 0;
    for (CallLedger.DueCall call : due) {
      FetchOutcome outcome = outcomes.getOrDefault(call.callId(), new FetchOutcome.NotFound());
      if (call.summaryRecheck()) {
        if (settleRecheck(connectionId, call, outcome, sent, now)) {
          published.add(call.callId());
          republished++;
        }
        continue;
      }
      switch (outcome) {
        case FetchOutcome.Fetched f -> {
          if (sent.acknowledged().contains(call.callId())) {
            published.add(call.callId());
            if (!PendingSummaries.hasBrief(f.call())) {
              withoutBrief.add(call.callId());
            }
            countDropped(connectionId, call.callId(), f.dropped());
          } else if (sent.refused().get(call.callId()) instanceof FetchOutcome.Unfit refused) {
            failOrPark(connectionId, call, refused, now);
          }
          // neither: Kafka did not answer in time; the call waits UNANSWERED_WAIT (below)
        }
        case FetchOutcome.PrivateCall p -> {
          privateCalls.add(call.callId());
          meters.counter("earshot.ingest.calls.private_skipped", "stage", p.stage()).increment();
        }
        case FetchOutcome.TranscriptPending pending ->
            waitOrGiveUp(connectionId, call, pending.extensiveJson(), now);
        case FetchOutcome.NotFound notFound -> waitOrGiveUp(connectionId, call, null, now);
        case FetchOutcome.Unfit unfit -> failOrPark(connectionId, call, unfit, now);
        // only re-checks come to this; were a first fetch to, it would wait as if not found
        case FetchOutcome.StillNoSummary none -> waitOrGiveUp(connectionId, call, null, now);
      }
    }
    ledger.moveTo(connectionId, published, CallState.PUBLISHED, now);
    ledger.moveTo(connectionId, privateCalls, CallState.PRIVATE, now);
    if (summaries.enabled() && !withoutBrief.isEmpty()) {
      ledger.awaitSummary(connectionId, withoutBrief, summaries.first(now), now);
      meters
          .counter("earshot.ingest.calls.published_without_summary")
          .increment(withoutBrief.size());
    }
    meters.counter("earshot.ingest.calls.published").increment(published.size() - republished);
    if (!sent.unanswered().isEmpty()) {
      // Kafka's trouble, not the calls': they wait before Gong is asked for them again, and so
      // does every other call of this replica (Kafka is the same for all of them)
      Instant until = kafkaWait.begin(now);
      ledger.postpone(connectionId, sent.unanswered(), until, now);
      meters.counter("earshot.ingest.fetch.kafka_unanswered").increment();
      log.atWarn()
          .addKeyValue("connectionId", connectionId)
          .addKeyValue("unanswered", sent.unanswered().size())
          .addKeyValue("until", until)
          .log("Kafka did not answer a publish; this replica fetches no calls until then");
    }
    return new BatchResult(due.size(), published.size(), !sent.unanswered().isEmpty());
  }

  /**
   * What a summary re-check came to; true when the call, its brief found, was republished (the
   * caller marks it published, which ends its re-checks). A call that turned private stops being
   * re-checked without anything published; one whose brief is still missing, or that could not be
   * fetched or published this time, waits for its next re-check or is given up. A call Kafka did
   * not answer for waits {@link #UNANSWERED_WAIT}, its re-checks uncounted.
   */
  private boolean settleRecheck(
      UUID connectionId,
      CallLedger.DueCall call,
      FetchOutcome outcome,
      CallPublisher.Sent sent,
      Instant now) {
    meters.counter("earshot.ingest.calls.summary_rechecks").increment();
    int checks = call.summaryChecks() + 1;
    switch (outcome) {
      case FetchOutcome.Fetched f when sent.acknowledged().contains(call.callId()) -> {
        meters.counter("earshot.ingest.calls.summary_arrived").increment();
        return true;
      }
      case FetchOutcome.Fetched f when !sent.refused().containsKey(call.callId()) -> {
        return false; // Kafka did not answer in time: the call waits UNANSWERED_WAIT
      }
      case FetchOutcome.PrivateCall p -> {
        ledger.stopSummaryRechecks(connectionId, call.callId(), checks, now);
        meters
            .counter("earshot.ingest.calls.private_skipped", "stage", "summary_recheck")
            .increment();
        log.atInfo()
            .addKeyValue("connectionId", connectionId)
            .addKeyValue("callId", call.callId())
            .log("a call published without its summary is private now; it is not republished");
        return false;
      }
      default -> {
        var next = summaries.next(call.summaryPendingSince(), checks, now);
        if (next.isPresent()) {
          ledger.recheckSummaryLater(connectionId, call.callId(), checks, next.get(), now);
        } else {
          ledger.stopSummaryRechecks(connectionId, call.callId(), checks, now);
          meters.counter("earshot.ingest.calls.summary_gave_up").increment();
          log.atInfo()
              .addKeyValue("connectionId", connectionId)
              .addKeyValue("callId", call.callId())
              .addKeyValue("checks", checks)
              .log("Gong's summary never came; the call keeps what it was published with");
        }
        return false;
      }
    }
  }

  private void countDropped(UUID connectionId, String callId, List<String> dropped) {
    for (String field : dropped) {
      meters.counter("earshot.ingest.calls.values_dropped", "field", field).increment();
      log.atWarn()
          .addKeyValue("connectionId", connectionId)
          .addKeyValue("callId", callId)
          .addKeyValue("field", field)
          .log("a value that does not fit the Call contract was left out");
    }
  }

  /** Another attempt later, or parked {@code FAILED} once the attempts are used up. */
  private void failOrPark(
      UUID connectionId, CallLedger.DueCall call, FetchOutcome.Unfit unfit, Instant now) {
    int failures = call.failures() + 1;
    meters.counter("earshot.ingest.fetch.call_failures", "reason", unfit.kind()).increment();
    if (failures >= settings.failures().maxAttempts()) {
      ledger.park(connectionId, call.callId(), failures, unfit.reason(), now);
      meters.counter("earshot.ingest.calls.failed", "reason", unfit.kind()).increment();
      log.atError()
          .addKeyValue("connectionId", connectionId)
          .addKeyValue("callId", call.callId())
          .addKeyValue("reason", unfit.kind())
          .addKeyValue("failures", failures)
          .log("a call could not be published and is parked FAILED: " + unfit.reason());
      return;
    }
    ledger.failLater(
        connectionId,
        call.callId(),
        failures,
        unfit.reason(),
        now.plus(failureBackoff(failures)),
        now);
    log.atWarn()
        .addKeyValue("connectionId", connectionId)
        .addKeyValue("callId", call.callId())
        .addKeyValue("reason", unfit.kind())
        .addKeyValue("failures", failures)
        .log("a call could not be published; it is retried later, its batch-mates went on");
  }

  private void waitOrGiveUp(
      UUID connectionId, CallLedger.DueCall call, String extensive, Instant now) {
    if (call.firstSeenAt().plus(settings.giveUpAfter()).isBefore(now)) {
      ledger.moveTo(connectionId, List.of(call.callId()), CallState.GAVE_UP, now);
      meters.counter("earshot.ingest.calls.gave_up").increment();
      log.atWarn()
          .addKeyValue("connectionId", connectionId)
          .addKeyValue("callId", call.callId())
          .log("gave up waiting for a transcript");
      return;
    }
    int attempts = call.attempts() + 1;
    CallState state =
        extensive != null || call.extensive() != null
            ? CallState.AWAITING_TRANSCRIPT
            : CallState.NEW;
    ledger.retryLater(
        connectionId, call.callId(), state, extensive, attempts, now.plus(backoff(attempts)), now);
    meters.counter("earshot.ingest.calls.transcript_pending").increment();
  }

  /** Waits double per attempt from {@code transcriptRetryInitial}, capped at the maximum. */
  Duration backoff(int attempts) {
    return doubling(attempts, settings.transcriptRetryInitial(), settings.transcriptRetryMax());
  }

  /** Waits double per failure from {@code failures.retryInitial}, capped at the maximum. */
  Duration failureBackoff(int failures) {
    return doubling(failures, settings.failures().retryInitial(), settings.failures().retryMax());
  }

  /** {@code initial} doubled per attempt after the first, capped at {@code max}. */
  static Duration doubling(int attempts, Duration initial, Duration max) {
    long factor = 1L << Math.min(Math.max(attempts, 1) - 1, 20);
    Duration wait = initial.multipliedBy(factor);
    return wait.compareTo(max) > 0 ? max : wait;
  }
}

package dev.earshot.ingest.fetch;

import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.connection.OpeningGongSessions.GongSession;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches due calls per connection in batches of up to 100: one {@code calls/extensive} request for
 * the calls whose metadata is not known yet, then one {@code calls/transcript} request for the
 * batch minus every call the metadata shows to be private. A partial batch waits up to {@code
 * batchWait} for more calls. Calls with a transcript go to gong.calls.v1 (keyed by call id,
 * acks=all) and are marked published in the transaction that locked them; the others wait with
 * capped exponential backoff and are given up, with a metric, after {@code giveUpAfter}.
 */
@Service
public class FetchingCalls {

  private static final Logger log = LoggerFactory.getLogger(FetchingCalls.class);

  /** What one batch came to; {@code handled} is 0 when nothing could be done now. */
  record BatchResult(int handled, int published) {
    static final BatchResult NOTHING = new BatchResult(0, 0);
  }

  private final CallLedger ledger;
  private final OpeningGongSessions sessions;
  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final TransactionTemplate transactions;
  private final IngestProperties.Fetch settings;
  private final Batching batching;
  private final MeterRegistry meters;
  private final Clock clock;

  FetchingCalls(
      CallLedger ledger,
      OpeningGongSessions sessions,
      KafkaTemplate<String, SpecificRecord> kafka,
      TransactionTemplate transactions,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.ledger = ledger;
    this.sessions = sessions;
    this.kafka = kafka;
    this.transactions = transactions;
    this.settings = properties.fetch();
    this.batching = new Batching(settings.batchSize(), settings.batchWait());
    this.meters = meters;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${earshot.ingest.fetch.interval:2s}")
  public void scheduled() {
    fetchDue();
  }

  /**
   * Fetches every batch this replica can lock that was due when the run began (a call retried
   * during the run waits for the next one); returns how many calls it published.
   */
  public int fetchDue() {
    int published = 0;
    Instant dueBy = clock.instant();
    for (UUID connection : ledger.connectionsWithDueCalls(dueBy)) {
      BatchResult batch;
      do {
        batch = transactions.execute(tx -> fetchBatch(connection, dueBy));
        published += batch.published();
      } while (batch.handled() > 0);
    }
    return published;
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
    try {
      Map<String, FetchOutcome> outcomes = fetch(session.get(), due, now);
      return settle(connectionId, due, outcomes, now);
    } catch (GongApiException failure) {
      meters
          .counter("earshot.ingest.fetch.failures", "status", Integer.toString(failure.status()))
          .increment();
      log.atWarn()
          .addKeyValue("connectionId", connectionId)
          .addKeyValue("status", failure.status())
          .log("fetching a batch failed; it stays due");
      return BatchResult.NOTHING;
    } catch (GongRateLimiter.QuotaExhausted exhausted) {
      meters.counter("earshot.ingest.fetch.quota_exhausted").increment();
      log.atWarn()
          .addKeyValue("connectionId", connectionId)
          .log("no Gong request permit in time; the batch stays due");
      return BatchResult.NOTHING;
    }
  }

  private Map<String, FetchOutcome> fetch(
      GongSession session, List<CallLedger.DueCall> due, Instant now) {
    Map<String, ExtensiveCall> extensive = new LinkedHashMap<>();
    for (CallLedger.DueCall call : due) {
      if (call.extensive() != null) {
        extensive.put(
            call.callId(), GongJson.mapper().readValue(call.extensive(), ExtensiveCall.class));
      }
    }
    List<String> fresh =
        due.stream()
            .map(CallLedger.DueCall::callId)
            .filter(id -> !extensive.containsKey(id))
            .toList();
    if (!fresh.isEmpty()) {
      session
          .client()
          .extensiveFor(fresh, ContentSelector.everythingEarshotUses())
          .forEach(c -> extensive.putIfAbsent(c.metaData().id(), c));
    }
    Map<String, FetchOutcome> outcomes = new HashMap<>();
    List<String> wantTranscript = new ArrayList<>();
    extensive.forEach(
        (id, call) -> {
          // Fail closed: only a call Gong explicitly said is not private has its transcript read.
          if (!call.metaData().privacy().knownPublic()) {
            outcomes.put(id, new FetchOutcome.PrivateCall());
          } else {
            wantTranscript.add(id);
          }
        });
    Map<String, CallTranscript> transcripts =
        wantTranscript.isEmpty()
            ? Map.of()
            : session.client().transcriptsFor(wantTranscript).stream()
                .collect(
                    Collectors.toMap(CallTranscript::callId, Function.identity(), (a, b) -> a));
    for (String id : wantTranscript) {
      CallTranscript transcript = transcripts.get(id);
      outcomes.put(
          id,
          transcript == null
              ? new FetchOutcome.TranscriptPending(
                  GongJson.mapper().writeValueAsString(extensive.get(id)))
              : new FetchOutcome.Fetched(
                  CallAssembly.assemble(
                      session.connectionId().toString(),
                      session.orgId(),
                      extensive.get(id),
                      transcript,
                      now)));
    }
    return outcomes;
  }

  private BatchResult settle(
      UUID connectionId,
      List<CallLedger.DueCall> due,
      Map<String, FetchOutcome> outcomes,
      Instant now) {
    List<Call> fetched = new ArrayList<>();
    List<String> privateCalls = new ArrayList<>();
    for (CallLedger.DueCall call : due) {
      switch (outcomes.getOrDefault(call.callId(), new FetchOutcome.NotFound())) {
        case FetchOutcome.Fetched f -> fetched.add(f.call());
        case FetchOutcome.PrivateCall p -> privateCalls.add(call.callId());
        case FetchOutcome.TranscriptPending pending ->
            waitOrGiveUp(connectionId, call, pending.extensiveJson(), now);
        case FetchOutcome.NotFound notFound -> waitOrGiveUp(connectionId, call, null, now);
      }
    }
    publish(fetched);
    ledger.moveTo(
        connectionId, fetched.stream().map(Call::getCallId).toList(), CallState.PUBLISHED, now);
    ledger.moveTo(connectionId, privateCalls, CallState.PRIVATE, now);
    meters.counter("earshot.ingest.calls.published").increment(fetched.size());
    meters
        .counter("earshot.ingest.calls.private_skipped", "stage", "metadata")
        .increment(privateCalls.size());
    return new BatchResult(due.size(), fetched.size());
  }

  /** Sends every call of the batch at once and waits for all acknowledgements. */
  private void publish(List<Call> calls) {
    CompletableFuture<?>[] sends =
        calls.stream()
            .map(call -> kafka.send(Topics.CALLS, call.getCallId(), call))
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(sends)
          .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing calls; the batch stays due", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing calls failed; the batch stays due", e);
    }
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
    long factor = 1L << Math.min(attempts - 1, 20);
    Duration wait = settings.transcriptRetryInitial().multipliedBy(factor);
    return wait.compareTo(settings.transcriptRetryMax()) > 0 ? settings.transcriptRetryMax() : wait;
  }
}

package dev.earshot.extraction.conversation;

import dev.earshot.events.Call;
import dev.earshot.events.Conversation;
import dev.earshot.extraction.company.CallMapping;
import dev.earshot.extraction.company.CompanyDirectory;
import dev.earshot.extraction.company.MappingOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Turns a call into its conversation record, or records why it has none. The call is mapped to a
 * company ({@link CompanyMapping}); an unmapped call is not published, only kept with its reason
 * and counted. A mapped call's record is published unless the last one published for the call is
 * identical (a redelivered or re-published call) or held Gong's summary where this one holds none
 * (a summary is never taken back); so a later record of the call that brings the summary publishes
 * the record again under the same key. A gong.calls.v1 record seen a second time (partition and
 * offset), or replayed from its dead-letter topic ({@code ./earshot dlt replay}, which writes it
 * back at a new offset), publishes even when identical to the last record published: its first
 * attempt's Kafka transaction may have rolled back after the outcome was written. It still never
 * takes a summary back: a record with Gong's summary published since supersedes it.
 *
 * <p>No database transaction spans the read and the write: a call id is always on one partition of
 * gong.calls.v1, so one listener thread handles its records one at a time.
 */
@Service
public class RecordingConversations {

  private final CallMapping mapping;
  private final ConversationOutcomes outcomes;
  private final ConversationMetrics metrics;
  private final Clock clock;

  RecordingConversations(
      CallMapping mapping,
      ConversationOutcomes outcomes,
      ConversationMetrics metrics,
      Clock clock) {
    this.mapping = mapping;
    this.outcomes = outcomes;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Where a call was read on gong.calls.v1.
   *
   * @param partition its partition
   * @param offset its offset there
   * @param replayed whether it was replayed from gong.calls.v1.dlt (so possibly a record whose
   *     outcome was written by an attempt whose Kafka transaction then rolled back)
   */
  public record Source(int partition, long offset, boolean replayed) {}

  /**
   * Maps the call read at {@code source}, writes its outcome and returns the record to publish, if
   * any.
   *
   * @throws CompanyDirectory.DirectoryNotLoaded when the directory is still being read (retried)
   */
  public Optional<Conversation> record(Call call, Source source) {
    int partition = source.partition();
    long offset = source.offset();
    MappingOutcome mapped = mapping.map(call);
    Optional<ConversationOutcome> before = outcomes.find(call.getOrgId(), call.getCallId());
    Instant now = clock.instant();
    Instant firstSeen = before.map(ConversationOutcome::firstSeenAt).orElse(now);
    return switch (mapped) {
      case MappingOutcome.Unmapped unmapped -> {
        String reason = unmapped.reason().apiName();
        boolean news = before.map(b -> b.mapped() || !reason.equals(b.reason())).orElse(true);
        ConversationOutcome last = before.orElse(null);
        outcomes.save(
            new ConversationOutcome(
                call.getOrgId(),
                call.getCallId(),
                false,
                reason,
                null,
                null,
                null,
                null,
                last == null ? null : last.publishedHash(),
                last != null && last.hasSummary(),
                last == null ? -1 : last.sourcePartition(),
                last == null ? -1 : last.sourceOffset(),
                last == null ? 0 : last.publications(),
                firstSeen,
                now));
        if (news) {
          metrics.unmapped(reason);
        }
        metrics.handled(false);
        yield Optional.empty();
      }
      case MappingOutcome.Mapped company -> {
        Conversation conversation = ConversationRecords.of(call, company.company());
        String hash = ConversationRecords.hash(conversation);
        boolean summary = ConversationRecords.hasSummary(call);
        boolean publish = publishes(before, hash, summary, source);
        ConversationOutcome last = before.orElse(null);
        boolean published = last != null && last.publishedHash() != null;
        outcomes.save(
            new ConversationOutcome(
                call.getOrgId(),
                call.getCallId(),
                true,
                null,
                company.by().apiName(),
                company.evidence(),
                company.company().companyId(),
                company.company().name(),
                publish ? hash : last.publishedHash(),
                publish ? summary : last.hasSummary(),
                publish ? partition : last.sourcePartition(),
                publish ? offset : last.sourceOffset(),
                (last == null ? 0 : last.publications()) + (publish ? 1 : 0),
                firstSeen,
                now));
        if (publish) {
          metrics.published(published);
        }
        metrics.handled(true);
        yield publish ? Optional.of(conversation) : Optional.empty();
      }
    };
  }

  /** What became of the org's call; empty when the call was never seen (or is another org's). */
  public Optional<ConversationOutcome> outcome(String orgId, String callId) {
    return outcomes.find(orgId, callId);
  }

  private static boolean publishes(
      Optional<ConversationOutcome> before, String hash, boolean summary, Source source) {
    if (before.isEmpty() || before.get().publishedHash() == null) {
      return true;
    }
    ConversationOutcome last = before.get();
    boolean seenAgain =
        source.replayed()
            || last.sourcePartition() == source.partition()
                && last.sourceOffset() == source.offset();
    if (hash.equals(last.publishedHash()) && !seenAgain) {
      return false;
    }
    return summary || !last.hasSummary();
  }
}

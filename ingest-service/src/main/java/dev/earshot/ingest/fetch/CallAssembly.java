package dev.earshot.ingest.fetch;

import dev.earshot.events.ActionItem;
import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.CallTopic;
import dev.earshot.events.CrmContext;
import dev.earshot.events.GongContent;
import dev.earshot.events.Highlight;
import dev.earshot.events.HighlightItem;
import dev.earshot.events.OutlineItem;
import dev.earshot.events.OutlineSection;
import dev.earshot.events.Party;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ExtensiveCall;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns Gong's extensive call and transcript into the {@code Call} event: parties with their
 * affiliation, CRM account and opportunity, Gong's content, transcript turns with millisecond
 * sentences. Pure: no I/O.
 */
public final class CallAssembly {

  private CallAssembly() {}

  public static Call assemble(
      String connectionId,
      String orgId,
      ExtensiveCall call,
      CallTranscript transcript,
      Instant fetchedAt) {
    var meta = call.metaData();
    return Call.newBuilder()
        .setCallId(meta.id())
        .setConnectionId(connectionId)
        .setOrgId(orgId)
        .setWorkspaceId(meta.workspaceId())
        .setUrl(meta.url() == null ? "" : meta.url())
        .setTitle(meta.title())
        .setScheduled(meta.scheduled())
        .setStarted(
            meta.started() != null
                ? meta.started()
                : meta.scheduled() != null ? meta.scheduled() : fetchedAt)
        .setDurationSeconds(meta.duration())
        .setDirection(meta.direction())
        .setSystem(meta.system())
        .setScope(meta.scope())
        .setLanguage(meta.language())
        .setParties(call.parties().stream().map(CallAssembly::party).toList())
        .setCrm(crm(call).orElse(null))
        .setContent(content(call.content()))
        .setTranscript(transcript.transcript().stream().map(CallAssembly::turn).toList())
        .setFetchedAt(fetchedAt)
        .build();
  }

  static Party party(ExtensiveCall.Party p) {
    return Party.newBuilder()
        .setId(p.id() == null ? "" : p.id())
        .setSpeakerId(p.speakerId())
        .setUserId(p.userId())
        .setName(p.name())
        .setEmailAddress(p.emailAddress())
        .setTitle(p.title())
        .setAffiliation(affiliation(p.affiliation()))
        .build();
  }

  static Affiliation affiliation(String gong) {
    return switch (gong == null ? "" : gong.toLowerCase(Locale.ROOT)) {
      case "internal" -> Affiliation.INTERNAL;
      case "external" -> Affiliation.EXTERNAL;
      default -> Affiliation.UNKNOWN;
    };
  }

  /** The first Account and Opportunity objects Gong linked, from any CRM system. */
  static Optional<CrmContext> crm(ExtensiveCall call) {
    var objects = call.context().stream().flatMap(c -> c.objects().stream()).toList();
    var account =
        objects.stream().filter(o -> "Account".equalsIgnoreCase(o.objectType())).findFirst();
    var deal =
        objects.stream().filter(o -> "Opportunity".equalsIgnoreCase(o.objectType())).findFirst();
    if (account.isEmpty() && deal.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        CrmContext.newBuilder()
            .setAccountId(account.map(ExtensiveCall.CrmObject::objectId).orElse(null))
            .setAccountName(account.map(a -> a.field("Name")).orElse(null))
            .setAccountDomain(account.map(a -> a.field("Website")).orElse(null))
            .setDealId(deal.map(ExtensiveCall.CrmObject::objectId).orElse(null))
            .setDealName(deal.map(d -> d.field("Name")).orElse(null))
            .setDealAmount(deal.map(d -> amount(d.field("Amount"))).orElse(null))
            .setDealStage(deal.map(d -> d.field("StageName")).orElse(null))
            .build());
  }

  static BigDecimal amount(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(value.strip()).setScale(2, RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static GongContent content(ExtensiveCall.Content c) {
    if (c == null) {
      return null;
    }
    return GongContent.newBuilder()
        .setBrief(c.brief())
        .setKeyPoints(
            c.keyPoints() == null
                ? List.of()
                : c.keyPoints().stream()
                    .map(ExtensiveCall.KeyPoint::text)
                    .filter(Objects::nonNull)
                    .toList())
        .setOutline(
            c.outline() == null
                ? List.of()
                : c.outline().stream()
                    .map(
                        s ->
                            OutlineSection.newBuilder()
                                .setSection(nz(s.section()))
                                .setStartSeconds(s.startTime())
                                .setDurationSeconds(s.duration())
                                .setItems(
                                    s.items() == null
                                        ? List.of()
                                        : s.items().stream()
                                            .map(
                                                i ->
                                                    OutlineItem.newBuilder()
                                                        .setText(nz(i.text()))
                                                        .setStartSeconds(i.startTime())
                                                        .build())
                                            .toList())
                                .build())
                    .toList())
        .setHighlights(
            c.highlights() == null
                ? List.of()
                : c.highlights().stream()
                    .map(
                        h ->
                            Highlight.newBuilder()
                                .setTitle(nz(h.title()))
                                .setItems(
                                    h.items() == null
                                        ? List.of()
                                        : h.items().stream()
                                            .map(
                                                i ->
                                                    HighlightItem.newBuilder()
                                                        .setText(nz(i.text()))
                                                        .setStartTimesSeconds(
                                                            i.startTimes() == null
                                                                ? List.of()
                                                                : i.startTimes())
                                                        .build())
                                            .toList())
                                .build())
                    .toList())
        .setTopics(
            c.topics() == null
                ? List.of()
                : c.topics().stream()
                    .map(
                        t ->
                            CallTopic.newBuilder()
                                .setName(nz(t.name()))
                                .setDurationSeconds(t.duration())
                                .build())
                    .toList())
        .setActionItems(
            c.pointsOfInterest() == null || c.pointsOfInterest().actionItems() == null
                ? List.of()
                : c.pointsOfInterest().actionItems().stream()
                    .map(
                        a ->
                            ActionItem.newBuilder()
                                .setSnippet(nz(a.snippet()))
                                .setSnippetStartSeconds(a.snippetStartTime())
                                .setSpeakerId(a.speakerId())
                                .build())
                    .toList())
        .build();
  }

  static TranscriptTurn turn(CallTranscript.Monologue m) {
    return TranscriptTurn.newBuilder()
        .setSpeakerId(nz(m.speakerId()))
        .setTopic(m.topic())
        .setSentences(
            m.sentences().stream()
                .map(
                    s ->
                        Sentence.newBuilder()
                            .setStartMs(s.start())
                            .setEndMs(s.end())
                            .setText(nz(s.text()))
                            .build())
                .toList())
        .build();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}

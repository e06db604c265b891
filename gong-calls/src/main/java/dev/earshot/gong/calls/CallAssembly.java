package dev.earshot.gong.calls;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns Gong's extensive call and transcript into the {@code Call} event: parties with their
 * affiliation, CRM account and opportunity, Gong's content, transcript turns with millisecond
 * sentences. Pure: no I/O. It never throws on odd values: Gong's nulls and gaps (a party with only
 * a phone number, a monologue without {@code speakerId}, an empty transcript, {@code und}/{@code
 * zxx} language) are carried as they are or as empty text, and CRM values that do not fit the
 * contract are dropped and named in {@link Assembled#dropped()} for the caller to count.
 */
public final class CallAssembly {

  /** CRM object types that name the account: Salesforce's Account, HubSpot's Company. */
  static final List<String> ACCOUNT_TYPES = List.of("Account", "Company");

  /** CRM object types that name the deal: Salesforce's Opportunity, HubSpot's Deal. */
  static final List<String> DEAL_TYPES = List.of("Opportunity", "Deal");

  private CallAssembly() {}

  /**
   * A {@code Call} and the CRM values left out of it.
   *
   * @param dropped names of the fields whose value did not fit (e.g. {@code crm.dealAmount}), once
   *     per value
   */
  public record Assembled(Call call, List<String> dropped) {
    public Assembled {
      dropped = List.copyOf(dropped);
    }
  }

  /** The {@code Call} event; values that do not fit are left out (see {@link #assembled}). */
  public static Call assemble(
      String connectionId,
      String orgId,
      ExtensiveCall call,
      CallTranscript transcript,
      Instant fetchedAt) {
    return assembled(connectionId, orgId, call, transcript, fetchedAt).call();
  }

  /** The {@code Call} event and the names of the values that were left out of it. */
  public static Assembled assembled(
      String connectionId,
      String orgId,
      ExtensiveCall call,
      CallTranscript transcript,
      Instant fetchedAt) {
    var meta = call.metaData();
    List<String> dropped = new ArrayList<>();
    Call assembled =
        Call.newBuilder()
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
            .setCrm(crm(call, dropped::add).orElse(null))
            .setContent(content(call.content()))
            .setTranscript(transcript.transcript().stream().map(CallAssembly::turn).toList())
            .setFetchedAt(fetchedAt)
            .build();
    return new Assembled(assembled, dropped);
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

  /**
   * The first account and deal objects Gong linked, from any CRM system and in any order: name,
   * website, amount (in {@code dealCurrency} when the CRM names one: Salesforce's {@code
   * CurrencyIsoCode}, HubSpot's {@code deal_currency_code}) and stage.
   */
  static Optional<CrmContext> crm(ExtensiveCall call, Consumer<String> dropped) {
    var objects = call.context().stream().flatMap(c -> c.objects().stream()).toList();
    var account = objects.stream().filter(o -> isOneOf(o, ACCOUNT_TYPES)).findFirst();
    var deal = objects.stream().filter(o -> isOneOf(o, DEAL_TYPES)).findFirst();
    if (account.isEmpty() && deal.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        CrmContext.newBuilder()
            .setAccountId(account.map(ExtensiveCall.CrmObject::objectId).orElse(null))
            .setAccountName(
                account.map(a -> text(a, "crm.accountName", dropped, "Name")).orElse(null))
            .setAccountDomain(
                account
                    .map(a -> text(a, "crm.accountDomain", dropped, "Website", "domain"))
                    .orElse(null))
            .setDealId(deal.map(ExtensiveCall.CrmObject::objectId).orElse(null))
            .setDealName(
                deal.map(d -> text(d, "crm.dealName", dropped, "Name", "dealname")).orElse(null))
            .setDealAmount(
                deal.flatMap(d -> CrmValues.raw(d, List.of("Amount")))
                    .map(v -> CrmValues.amount(v, "crm.dealAmount", dropped))
                    .orElse(null))
            .setDealCurrency(
                deal.flatMap(
                        d ->
                            CrmValues.raw(
                                d, List.of("CurrencyIsoCode", "deal_currency_code", "Currency")))
                    .map(v -> CrmValues.currency(v, "crm.dealCurrency", dropped))
                    .orElse(null))
            .setDealStage(
                deal.map(d -> text(d, "crm.dealStage", dropped, "StageName", "dealstage"))
                    .orElse(null))
            .build());
  }

  private static boolean isOneOf(ExtensiveCall.CrmObject object, List<String> types) {
    return object.objectType() != null
        && types.stream().anyMatch(t -> t.equalsIgnoreCase(object.objectType()));
  }

  private static String text(
      ExtensiveCall.CrmObject object, String field, Consumer<String> dropped, String... names) {
    return CrmValues.raw(object, List.of(names))
        .map(v -> CrmValues.text(v, field, dropped))
        .orElse(null);
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

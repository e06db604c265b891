package dev.earshot.testing.eval;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.CrmContext;
import dev.earshot.events.Party;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.Transcript;
import dev.earshot.gong.simulator.corpus.TranscriptWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A simulator corpus call as the {@code Call} record ingest-service would publish for it (parties,
 * CRM account and deal, transcript), so extraction can be evaluated without the whole pipeline. The
 * simulator's topic labels are left out: they are its own annotations, not Gong's.
 */
public final class CorpusCalls {

  private CorpusCalls() {}

  public static Call toCall(CorpusCall c, String orgId) {
    Transcript transcript = TranscriptWriter.write(c);
    return Call.newBuilder()
        .setCallId(c.id())
        .setConnectionId("eval")
        .setOrgId(orgId)
        .setUrl("https://app.gong.io/call?id=" + c.id())
        .setTitle(c.title())
        .setStarted(c.started())
        .setDurationSeconds(c.durationSeconds())
        .setParties(
            c.parties().stream()
                .map(
                    p ->
                        Party.newBuilder()
                            .setId(p.id())
                            .setSpeakerId(p.speakerId())
                            .setName(p.person().name())
                            .setEmailAddress(p.person().email())
                            .setTitle(p.person().title())
                            .setAffiliation(
                                Affiliation.valueOf(p.affiliation().toUpperCase(Locale.ROOT)))
                            .build())
                .toList())
        .setCrm(
            c.company() == null
                ? null
                : CrmContext.newBuilder()
                    .setAccountId(c.company().accountId())
                    .setAccountName(c.company().name())
                    .setAccountDomain(c.company().domain())
                    .setDealId(c.company().opportunityId())
                    .setDealName(c.company().opportunityName())
                    .setDealAmount(new BigDecimal(c.company().dealAmount()).setScale(2))
                    .setDealCurrency("USD")
                    .setDealStage(c.company().dealStage())
                    .build())
        .setTranscript(
            transcript.monologues().stream()
                .map(
                    m ->
                        TranscriptTurn.newBuilder()
                            .setSpeakerId(m.speakerId())
                            .setSentences(
                                m.sentences().stream()
                                    .map(
                                        s ->
                                            Sentence.newBuilder()
                                                .setStartMs(s.start())
                                                .setEndMs(s.end())
                                                .setText(s.text())
                                                .build())
                                    .toList())
                            .build())
                .toList())
        .setFetchedAt(Instant.EPOCH)
        .build();
  }

  /** The corpus calls extraction sees: not private (those are never fetched). */
  public static List<CorpusCall> fetchable(List<CorpusCall> calls) {
    return calls.stream().filter(c -> !c.isPrivate()).toList();
  }
}

package dev.earshot.gong.simulator;

import dev.earshot.gong.simulator.Quirks.BadCall;
import dev.earshot.gong.simulator.Quirks.PartiesGap;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.GroundTruth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A call of the generated corpus as served: {@link GongPayloads} renders it exactly as before
 * realism existed, then its {@link Quirks} (none under {@code Realism.none()}) reshape the parts
 * they touch through {@link FieldPayloads}.
 *
 * @param generated the call as the corpus generated it
 * @param quirks how it is served
 */
record GeneratedCall(CorpusCall generated, Quirks quirks) implements ServedCall {

  /** The call with its realism timing. */
  CorpusCall call() {
    return quirks.served();
  }

  @Override
  public String id() {
    return generated.id();
  }

  @Override
  public Instant started() {
    return call().started();
  }

  @Override
  public Instant listableAt() {
    return quirks.listableAt();
  }

  @Override
  public Instant transcriptReadyAt() {
    return call().transcriptReadyAt();
  }

  @Override
  public boolean isPrivate() {
    return generated.isPrivate();
  }

  @Override
  public int extensiveLag() {
    return quirks.extensiveLag();
  }

  @Override
  public Instant briefReadyAt() {
    return quirks.briefDelay() == null ? analysedAt() : analysedAt().plus(quirks.briefDelay());
  }

  @Override
  public Map<String, Object> metaData() {
    Map<String, Object> metaData = GongPayloads.metaData(call());
    if (quirks.gaps().language() != null) {
      metaData.put("language", quirks.gaps().language());
    }
    return metaData;
  }

  @Override
  public Map<String, Object> extensive(GongPayloads.Selector selector) {
    Map<String, Object> call = GongPayloads.extensive(call(), selector);
    if (quirks.gaps().language() != null) {
      call.put("metaData", metaData());
    }
    if (selector.context() && quirks.crm().real()) {
      call.put("context", FieldPayloads.crmContext(call().company(), quirks.crm()));
    }
    if (selector.parties()) {
      PartiesGap gap = quirks.gaps().parties();
      if (gap == PartiesGap.ABSENT) {
        call.remove("parties");
      } else if (gap == PartiesGap.EMPTY) {
        call.put("parties", List.of());
      } else {
        call.put("parties", FieldPayloads.withExtraParties(call.get("parties"), this));
      }
    }
    return call;
  }

  @Override
  public Map<String, Object> transcript() {
    return switch (quirks.fault()) {
      case UNREADABLE_TRANSCRIPT -> FieldPayloads.unreadableTranscript(id());
      case OVERSIZED_TRANSCRIPT -> FieldPayloads.runawayTranscript(call());
      case NONE -> {
        Map<String, Object> transcript = GongPayloads.transcript(call());
        if (quirks.gaps().emptyTranscript()) {
          transcript.put("transcript", List.of());
        } else if (quirks.gaps().unattributedMonologues()) {
          FieldPayloads.unattribute(transcript, call());
        }
        yield transcript;
      }
    };
  }

  @Override
  public Map<String, Object> webhookBody() {
    Map<String, Object> callData = extensive(GongPayloads.Selector.EVERYTHING);
    if (quirks.briefDelay() != null) {
      withoutBrief(callData); // the webhook fires at analysis, before a late brief exists
    }
    Quirks.WebhookShape shape = quirks.webhook();
    if (shape.sample()) {
      callData.put("metaData", FieldPayloads.sampleMetaData(metaData(), call(), shape.offset()));
    }
    return shape.body(callData);
  }

  @Override
  public Map<String, Object> groundTruth() {
    Map<String, Object> line = GroundTruth.of(call());
    line.put("expected", expected());
    line.put("fault", quirks.fault().label());
    line.put("listable_at", listableAt().toString());
    line.put("duration_seconds", call().durationSeconds());
    line.put("faults", new ArrayList<>(quirks.names()));
    if (quirks.briefDelay() != null) {
      line.put("brief_ready_at", briefReadyAt().toString());
    }
    return line;
  }

  /** What Earshot must end with: {@code private}, {@code failed} or {@code published}. */
  String expected() {
    if (isPrivate()) {
      return "private";
    }
    return quirks.fault() == BadCall.NONE ? "published" : "failed";
  }

  /**
   * Removes {@code content.brief} from an extensive element, as Gong serves it before the brief.
   */
  @SuppressWarnings("unchecked")
  static void withoutBrief(Map<String, Object> extensive) {
    if (extensive.get("content") instanceof Map<?, ?> content) {
      ((Map<String, Object>) content).remove("brief");
      if (content.isEmpty()) {
        extensive.remove("content");
      }
    }
  }
}

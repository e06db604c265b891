package dev.earshot.extraction.followup.pipeline;

import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.extraction.ExtractionProperties;
import dev.earshot.extraction.followup.DraftingFollowUps;
import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.pipeline.ModelOutages;
import dev.earshot.kit.kafka.PoisonRecord;
import dev.earshot.provider.ProviderHttp;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The Kafka edge of follow-ups: each call on gong.calls.v1, read by a consumer group of its own
 * ({@code followups}, so a failing draft never holds up feedback extraction, whose group is {@code
 * extraction}), is drafted and the draft sent to calls.followups.v1 keyed by call id, in the Kafka
 * transaction that commits the call's offset. A call without external participants gets no draft
 * (counted by reason). Failures follow service-kit's classification, as for feedback: a provider
 * outage is retried for as long as it lasts ({@link ModelOutages} logs why); a provider refusal or
 * an answer still invalid after the re-ask (a fabricated citation) dead-letters the call to
 * gong.calls.v1.dlt, its {@code kafka_dlt-original-consumer-group} header naming {@code followups}.
 * The tokens a failed draft was billed for are metered all the same.
 */
@Component
class FollowUpCallListener {

  static final String GROUP = "followups";

  private final DraftingFollowUps drafting;
  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final FollowUpMetrics metrics;

  FollowUpCallListener(
      DraftingFollowUps drafting,
      KafkaTemplate<String, SpecificRecord> kafka,
      FollowUpMetrics metrics) {
    this.drafting = drafting;
    this.kafka = kafka;
    this.metrics = metrics;
  }

  @KafkaListener(
      id = "followups",
      topics = Topics.CALLS,
      groupId = GROUP,
      autoStartup = "${earshot.extraction.followups.enabled:true}",
      concurrency = "#{" + ExtractionProperties.BEAN + ".followups().concurrency()}")
  void on(ConsumerRecord<String, SpecificRecord> record) {
    if (!(record.value() instanceof Call call)) {
      throw new PoisonRecord("gong.calls.v1 offset " + record.offset() + " holds no Call");
    }
    long began = System.nanoTime();
    DraftingFollowUps.Result result;
    try {
      result = drafting.draft(call);
    } catch (ProviderHttp.RequestRefused refused) {
      billedBefore(refused);
      throw new PoisonRecord(
          "the model provider refused call " + call.getCallId() + ": " + refused.getMessage(),
          refused);
    } catch (ProviderHttp.ModelUnavailable outage) {
      billedBefore(outage);
      FollowUpModel.DrafterInfo model = drafting.model().info();
      ModelOutages.report("followups", model.provider(), model.model(), call.getCallId(), outage);
      throw outage;
    } catch (RuntimeException failure) {
      billedBefore(failure);
      throw failure;
    }
    if (result instanceof DraftingFollowUps.Result.Drafted drafted) {
      kafka.send(Topics.FOLLOW_UPS, call.getCallId(), drafted.followUp());
    }
    metrics.drafted(drafting.model().info(), result, System.nanoTime() - began);
  }

  /**
   * Meters the answers this attempt was billed for before it failed. Each attempt meters only its
   * own answers: a redelivered call is asked again and billed again, so nothing is counted twice.
   */
  private void billedBefore(RuntimeException failure) {
    FeedbackModel.BilledBeforeFailure.of(failure)
        .ifPresent(usage -> metrics.billed(drafting.model().info(), usage));
  }
}

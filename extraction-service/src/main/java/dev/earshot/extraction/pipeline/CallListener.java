package dev.earshot.extraction.pipeline;

import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import dev.earshot.extraction.ExtractionProperties;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.kit.kafka.PoisonRecord;
import dev.earshot.provider.ProviderHttp;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The Kafka edge: each call on gong.calls.v1 is extracted and its items sent to feedback.items.v1
 * (keyed by org) in the same Kafka transaction that commits the call's offset. A crash or a failure
 * before the commit aborts the items; the call is extracted again with the same item ids. A model
 * provider that cannot serve is an outage, retried for as long as it lasts (extraction-service.yaml
 * lists it as transient, and {@link ModelOutages} logs why); a call the provider refuses for what
 * it holds, or whose answer stays invalid after the re-ask, is dead-lettered at once; the tokens it
 * was billed for are metered all the same.
 */
@Component
class CallListener {

  private final ExtractingFeedback extracting;
  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final ExtractionMetrics metrics;

  CallListener(
      ExtractingFeedback extracting,
      KafkaTemplate<String, SpecificRecord> kafka,
      ExtractionMetrics metrics) {
    this.extracting = extracting;
    this.kafka = kafka;
    this.metrics = metrics;
  }

  @KafkaListener(
      topics = Topics.CALLS,
      groupId = "extraction",
      concurrency = "#{" + ExtractionProperties.BEAN + ".concurrency()}")
  void on(ConsumerRecord<String, SpecificRecord> record) {
    if (!(record.value() instanceof Call call)) {
      throw new PoisonRecord("gong.calls.v1 offset " + record.offset() + " holds no Call");
    }
    long began = System.nanoTime();
    ExtractingFeedback.Result result;
    try {
      result = extracting.extract(call);
    } catch (ProviderHttp.RequestRefused refused) {
      billedBefore(refused);
      throw new PoisonRecord(
          "the model provider refused call " + call.getCallId() + ": " + refused.getMessage(),
          refused);
    } catch (ProviderHttp.ModelUnavailable outage) {
      billedBefore(outage);
      FeedbackModel.ModelInfo model = extracting.model().info();
      ModelOutages.report("extraction", model.provider(), model.model(), call.getCallId(), outage);
      throw outage;
    } catch (RuntimeException failure) {
      billedBefore(failure);
      throw failure;
    }
    for (FeedbackItem item : result.items()) {
      kafka.send(Topics.FEEDBACK_ITEMS, item.getOrgId(), item);
    }
    metrics.extracted(extracting.model().info(), result, System.nanoTime() - began);
  }

  /**
   * Meters the answers this attempt was billed for before it failed. Each attempt meters only its
   * own answers: a redelivered call is asked again and billed again, so nothing is counted twice.
   */
  private void billedBefore(RuntimeException failure) {
    FeedbackModel.BilledBeforeFailure.of(failure)
        .ifPresent(usage -> metrics.billed(extracting.model().info(), usage));
  }
}

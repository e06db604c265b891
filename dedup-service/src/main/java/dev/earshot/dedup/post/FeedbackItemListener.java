package dev.earshot.dedup.post;

import dev.earshot.dedup.DedupProperties;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import dev.earshot.kit.kafka.PoisonRecord;
import dev.earshot.provider.ProviderHttp;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Each item on feedback.items.v1 (keyed by org, so an org's items arrive in order on one partition)
 * goes onto the board; the offset is committed after. A redelivered item is found on the board and
 * changes nothing. An outage (embedding provider, vector index, PostgreSQL) is retried for as long
 * as it lasts (dedup-service.yaml lists the service's own transient exceptions); an item that can
 * never succeed (not an item, or text the provider refuses for what it holds) is dead-lettered at
 * once; anything else is retried a few times, then dead-lettered.
 */
@Component
class FeedbackItemListener {

  private final ConsolidatingFeedback consolidating;

  FeedbackItemListener(ConsolidatingFeedback consolidating) {
    this.consolidating = consolidating;
  }

  /** The listener's id, to stop and start it. */
  static final String ID = "dedup-items";

  @KafkaListener(
      id = ID,
      topics = Topics.FEEDBACK_ITEMS,
      groupId = "dedup",
      concurrency = "#{" + DedupProperties.BEAN + ".concurrency()}")
  void on(ConsumerRecord<String, SpecificRecord> record) {
    if (!(record.value() instanceof FeedbackItem item)) {
      throw new PoisonRecord(
          "feedback.items.v1 offset " + record.offset() + " holds no FeedbackItem");
    }
    try {
      consolidating.consolidate(item);
    } catch (ProviderHttp.RequestRefused refused) {
      throw new PoisonRecord(
          "the embedding provider refused item " + item.getItemId() + ": " + refused.getMessage(),
          refused);
    }
  }
}

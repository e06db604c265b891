package dev.earshot.extraction.pipeline;

import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * Test template: the second item of a marked call fails to send, once — after the first item went
 * into the transaction — so the transaction must abort and the call be extracted again.
 */
class FailingOnceTemplate extends KafkaTemplate<String, SpecificRecord> {

  static final Set<String> marked = ConcurrentHashMap.newKeySet();
  private static final Map<String, Integer> sends = new ConcurrentHashMap<>();

  FailingOnceTemplate(ProducerFactory<String, SpecificRecord> factory) {
    super(factory);
  }

  @Override
  public CompletableFuture<SendResult<String, SpecificRecord>> send(
      String topic, String key, SpecificRecord data) {
    if (Topics.FEEDBACK_ITEMS.equals(topic)
        && data instanceof FeedbackItem item
        && marked.contains(item.getCallId())
        && sends.merge(item.getCallId(), 1, Integer::sum) == 2) {
      // the first item must reach the log before the transaction aborts: an abort drops records
      // still in the producer's buffer unsent, and then no reader could ever see the aborted one
      flush();
      throw new IllegalStateException(
          "injected failure after the first item of " + item.getCallId());
    }
    return super.send(topic, key, data);
  }
}

package dev.earshot.assistant.board;

import dev.earshot.events.PostEvent;
import dev.earshot.events.Topics;
import dev.earshot.kit.kafka.PoisonRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Each event on {@code feedback.posts.v1} goes into the board's read model (group {@code
 * assistant-posts}); a record that is not a {@code PostEvent} is dead-lettered at once.
 */
@Component
class PostEventListener {

  private final RecordingPosts recording;

  PostEventListener(RecordingPosts recording) {
    this.recording = recording;
  }

  @KafkaListener(id = "assistant-posts", topics = Topics.POSTS, groupId = "assistant-posts")
  void on(ConsumerRecord<String, SpecificRecord> record) {
    if (!(record.value() instanceof PostEvent event)) {
      throw new PoisonRecord("feedback.posts.v1 offset " + record.offset() + " holds no PostEvent");
    }
    recording.record(event);
  }
}

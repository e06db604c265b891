package dev.earshot.dedup.outbox;

import dev.earshot.events.PostEvent;
import dev.earshot.events.serde.AvroEventSerializer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes an event to the outbox in the caller's transaction, so it exists if and only if the change
 * it describes committed. Stored as the bytes that go on the topic.
 */
@Component
public class Outbox {

  private final JdbcClient jdbc;
  private final AvroEventSerializer serializer = new AvroEventSerializer();

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void append(PostEvent event, Instant now) {
    jdbc.sql("insert into outbox (post_id, event, created_at) values (:post, :event, :now)")
        .param("post", UUID.fromString(event.getPostId()))
        .param("event", serializer.serialize(dev.earshot.events.Topics.POSTS, event))
        .param("now", Timestamp.from(now))
        .update();
  }
}

package dev.earshot.assistant.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.assistant.AssistantTestSupport;
import dev.earshot.events.PostEvent;
import dev.earshot.events.PostEventType;
import dev.earshot.events.Topics;
import dev.earshot.testing.EmbeddedDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The board read model under the orders {@code feedback.posts.v1} may deliver its events in: the
 * real service's {@link RecordingPosts} over real PostgreSQL, each event applied in the order a
 * consumer may read it (the topic is keyed by post id, so two posts' events come from two
 * partitions with no order between them).
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, Topics.POSTS, "gong.calls.v1.dlt", "feedback.posts.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordingPostsIT {

  @AutoClose static final EmbeddedDatabase postgres = AssistantTestSupport.postgres();
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    AssistantTestSupport.register(registry, postgres);
  }

  @Autowired RecordingPosts recording;
  @Autowired ReadingBoard board;

  @Test
  void aMentionSplitOffToANewPostMovesThereAndARedeliveryDoesNotMoveItBack() {
    // given a post with two mentions
    String org = "org-split";
    recording.record(
        Posts.event(org, "p-old", "SSO", 1, "0", "c-1", "Okta please", NOW)
            .setType(PostEventType.CREATED)
            .build());
    PostEvent second =
        Posts.event(org, "p-old", "SSO", 2, "0", "c-2", "Audit log export", NOW.plusSeconds(1))
            .build();
    recording.record(second);

    // when dedup splits the second off: UPDATED for the old post, CREATED for the new one with the
    // same mention; then the old MENTION_ADDED is redelivered
    recording.record(
        Posts.event(org, "p-old", "SSO", 1, "0", null, null, NOW.plusSeconds(2)).build());
    recording.record(
        Posts.event(
                org, "p-new", "Audit log", 1, "0", "c-2", "Audit log export", NOW.plusSeconds(2))
            .setType(PostEventType.CREATED)
            .setMention(second.getMention())
            .build());
    recording.record(second);

    // then the mention is the new post's only
    assertThat(board.post(org, "p-new").orElseThrow().mentions())
        .extracting(BoardPost.Mention::callId)
        .containsExactly("c-2");
    assertThat(board.post(org, "p-old").orElseThrow().mentions())
        .extracting(BoardPost.Mention::callId)
        .containsExactly("c-1");
  }
}

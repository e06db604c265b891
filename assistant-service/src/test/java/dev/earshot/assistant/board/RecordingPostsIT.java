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

  @Test
  void aMentionOfAMergedPostReadAfterTheMergeLandsOnThePostItWentInto() {
    // given two posts
    String org = "org-merge-order";
    recording.record(created(org, "p-a", "c-1", NOW));
    recording.record(created(org, "p-b", "c-2", NOW));

    // when the merge of p-b into p-a (p-a's partition) is read before p-b's last mention (its own)
    recording.record(merged(org, "p-a", "p-b", NOW.plusSeconds(2)));
    recording.record(
        Posts.event(org, "p-b", "Okta", 2, "0", "c-3", "Okta again", NOW.plusSeconds(1)).build());

    // then p-a holds all three, and p-b answers as p-a
    assertThat(board.post(org, "p-a").orElseThrow().mentions())
        .extracting(BoardPost.Mention::callId)
        .containsExactlyInAnyOrder("c-1", "c-2", "c-3");
    assertThat(board.post(org, "p-b").orElseThrow().id()).isEqualTo("p-a");
  }

  @Test
  void mergesReadBeforeTheMergedPostsOwnEventsFollowTheChainAndHideThem() {
    // given a post
    String org = "org-merge-chain";
    recording.record(created(org, "p-a", "c-1", NOW));

    // when p-b's merge into p-a, then p-c's merge into p-b, are read before p-b and p-c appear
    recording.record(merged(org, "p-a", "p-b", NOW.plusSeconds(3)));
    recording.record(merged(org, "p-b", "p-c", NOW.plusSeconds(2)));
    recording.record(created(org, "p-c", "c-3", NOW));
    recording.record(created(org, "p-b", "c-2", NOW));

    // then only p-a is on the board, with every mention
    assertThat(board.top(org, "mentions", 10)).extracting(BoardPost::id).containsExactly("p-a");
    assertThat(board.post(org, "p-c").orElseThrow().mentions())
        .extracting(BoardPost.Mention::callId)
        .containsExactlyInAnyOrder("c-1", "c-2", "c-3");
  }

  private static PostEvent created(String org, String postId, String callId, Instant at) {
    return Posts.event(org, postId, "Okta SSO", 1, "0", callId, "Okta please", at)
        .setType(PostEventType.CREATED)
        .build();
  }

  private static PostEvent merged(String org, String into, String from, Instant at) {
    return Posts.event(org, into, "SSO", 3, "0", null, null, at)
        .setType(PostEventType.MERGED)
        .setMergedFromPostId(from)
        .build();
  }
}

package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.EXPORT;
import static dev.earshot.dedup.DedupTestSupport.EXPORT_TEXT;
import static dev.earshot.dedup.DedupTestSupport.MOBILE;
import static dev.earshot.dedup.DedupTestSupport.MOBILE_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.board.MergeSuggestion;
import dev.earshot.events.PostEvent;
import dev.earshot.events.PostEventType;
import dev.earshot.events.Topics;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merge suggestions end to end: items from the real broker, real PostgreSQL, the offline MiniLM
 * model, the posts API over HTTP and {@code MERGE_SUGGESTED} on feedback.posts.v1. The threshold is
 * raised to 0.95 with a band of 0.50, so two phrasings of one request (which join at the default
 * 0.45) score in the band [0.45, 0.95) and an unrelated request (below 0.45) does not.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.dedup.outbox.interval=100ms",
      "management.server.port=-1",
      "earshot.dedup.thresholds.all-minilm-l6-v2=0.95",
      "earshot.dedup.uncertain-bands.all-minilm-l6-v2=0.50"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SuggestionsIT {

  static final Path index = DedupTestSupport.indexDirectory();
  static final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
  }

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired ConsolidatingFeedback consolidating;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired SuggestionRepository suggestions;
  @Autowired MeterRegistry meters;

  record Reply(int status, JsonNode body) {}

  private String admin(String org) {
    return TestTokens.admin(tokens::issue, org);
  }

  private String member(String org) {
    return TestTokens.member(tokens::issue, org);
  }

  private Reply call(String method, String path, String token) throws Exception {
    HttpResponse<String> response = ApiCalls.send(port, method, path, token, null, null);
    return new Reply(
        response.statusCode(), response.body().isBlank() ? null : json.readTree(response.body()));
  }

  private static String org() {
    return "org-" + UUID.randomUUID();
  }

  /** Two phrasings of SSO in one org, directly: the second is suggested for a merge. */
  private Consolidation.Suggested suggestedPair(String org) {
    consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    Consolidation second =
        consolidating.consolidate(ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).build());
    assertThat(second).isInstanceOf(Consolidation.Suggested.class);
    return (Consolidation.Suggested) second;
  }

  private long openSuggestions(String org) throws Exception {
    return call("GET", "/api/v1/posts/suggestions", member(org)).body().path("total").asLong();
  }

  private double suggestionCount(String outcome) {
    var counter = meters.find("earshot.dedup.suggestions").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void anItemInTheBandStartsAPostWithASuggestionWhileOneBelowItDoesNot() throws Exception {
    // given items of one org arriving through the broker: SSO, SSO phrased again, then CSV export
    String org = org();
    double recorded = suggestionCount("recorded");
    kafka.send(Topics.FEEDBACK_ITEMS, org, ItemSpec.of(org, SSO, SSO_TEXT).build()).join();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> posts(org).size() == 1 && indexedPosts(org) == 1);
    kafka
        .send(Topics.FEEDBACK_ITEMS, org, ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).build())
        .join();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> posts(org).size() == 2 && indexedPosts(org) == 2);
    kafka.send(Topics.FEEDBACK_ITEMS, org, ItemSpec.of(org, EXPORT, EXPORT_TEXT).build()).join();
    await().atMost(Duration.ofSeconds(30)).until(() -> posts(org).size() == 3);
    UUID sso = posts(org).get(0);
    UUID again = posts(org).get(1);
    // when a member lists the org's suggestions
    Reply listed = call("GET", "/api/v1/posts/suggestions", member(org));
    // then there is one, for the second SSO post, with its score and both quotes as evidence
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().path("total").asLong()).isEqualTo(1);
    JsonNode s = listed.body().path("items").get(0);
    assertThat(s.path("status").asString()).isEqualTo("open");
    assertThat(s.path("post").path("id").asString()).isEqualTo(again.toString());
    assertThat(s.path("candidate").path("id").asString()).isEqualTo(sso.toString());
    assertThat(s.path("candidate").path("title").asString()).isEqualTo(SSO);
    assertThat(s.path("score").asDouble()).isBetween(0.45, 0.95);
    assertThat(s.path("evidence").path("itemQuote").asString()).isEqualTo(SSO_AGAIN_TEXT);
    assertThat(s.path("evidence").path("candidateQuote").asString()).isEqualTo(SSO_TEXT);
    assertThat(suggestionCount("recorded") - recorded).isEqualTo(1);
    // and feedback.posts.v1 says so after the post's creation, through the outbox
    List<PostEvent> events = DedupTestSupport.eventsOf(broker.getBrokersAsString(), 2, again);
    assertThat(events)
        .extracting(PostEvent::getType)
        .containsExactly(PostEventType.CREATED, PostEventType.MERGE_SUGGESTED);
    var ref = events.get(1).getSuggestion();
    assertThat(ref.getSuggestionId()).isEqualTo(s.path("id").asString());
    assertThat(ref.getCandidatePostId()).isEqualTo(sso.toString());
    assertThat(ref.getScore()).isBetween(0.45, 0.95);
    assertThat(ref.getItemQuote()).isEqualTo(SSO_AGAIN_TEXT);
  }

  @Test
  void acceptingMergesOnceAndAcceptingAgainReturnsTheSameOutcome() throws Exception {
    // given a suggestion
    String org = org();
    Consolidation.Suggested suggested = suggestedPair(org);
    String path = "/api/v1/posts/suggestions/" + suggested.suggestionId();
    // when an admin accepts it twice
    Reply first = call("POST", path + "/accept", admin(org));
    Reply second = call("POST", path + "/accept", admin(org));
    // then the new post is merged into the candidate, once
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("status").asString()).isEqualTo("accepted");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    Reply candidate = call("GET", "/api/v1/posts/" + suggested.candidateId(), member(org));
    assertThat(candidate.body().path("post").path("mentionCount").asInt()).isEqualTo(2);
    assertThat(
            call("GET", "/api/v1/posts/" + suggested.postId(), member(org))
                .body()
                .path("post")
                .path("mergedInto")
                .asString())
        .isEqualTo(suggested.candidateId().toString());
    assertThat(
            jdbc.sql(
                    "select count(*) from post_history where post_id = :p and action = 'merged_in'")
                .param("p", suggested.candidateId())
                .query(Long.class)
                .single())
        .isEqualTo(1);
    // and it is no longer open, nor can it be dismissed now
    assertThat(openSuggestions(org)).isZero();
    Reply dismiss = call("POST", path + "/dismiss", admin(org));
    assertThat(dismiss.status()).isEqualTo(409);
    assertThat(dismiss.body().path("type").asString()).endsWith("/suggestion-accepted");
  }

  @Test
  void aDismissedPairIsNeverSuggestedAgainAndCannotBeAccepted() throws Exception {
    // given a suggestion an admin dismisses, twice
    String org = org();
    Consolidation.Suggested suggested = suggestedPair(org);
    String path = "/api/v1/posts/suggestions/" + suggested.suggestionId();
    Reply first = call("POST", path + "/dismiss", admin(org));
    Reply second = call("POST", path + "/dismiss", admin(org));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("status").asString()).isEqualTo("dismissed");
    assertThat(second.body()).isEqualTo(first.body());
    // when accepting it after all
    Reply accept = call("POST", path + "/accept", admin(org));
    // then a conflict naming why, and both posts stay apart
    assertThat(accept.status()).isEqualTo(409);
    assertThat(accept.body().path("type").asString()).endsWith("/suggestion-dismissed");
    assertThat(accept.body().path("detail").asString()).contains("dismissed");
    assertThat(posts(org)).hasSize(2);
    // and the pair, either way round, is never recorded again
    for (var pair :
        List.of(
            List.of(suggested.postId(), suggested.candidateId()),
            List.of(suggested.candidateId(), suggested.postId()))) {
      assertThat(suggestions.insert(open(UUID.randomUUID(), org, pair.get(0), pair.get(1))))
          .isFalse();
    }
    assertThat(openSuggestions(org)).isZero();
  }

  @Test
  void aSuggestionWhosePostWasMergedByHandIsClosed() throws Exception {
    String org = org();
    Consolidation.Suggested suggested = suggestedPair(org);
    Reply merged =
        callWithBody(
            "/api/v1/posts/" + suggested.candidateId() + "/merge",
            admin(org),
            "{\"from\":\"" + suggested.postId() + "\"}");
    assertThat(merged.status()).isEqualTo(200);
    assertThat(openSuggestions(org)).isZero();
    Reply accept =
        call(
            "POST",
            "/api/v1/posts/suggestions/" + suggested.suggestionId() + "/accept",
            admin(org));
    assertThat(accept.status()).isEqualTo(409);
    assertThat(accept.body().path("type").asString()).endsWith("/suggestion-closed");
  }

  @Test
  void anotherOrgsSuggestionIsNotFoundAndBadInputIsExplained() throws Exception {
    String org = org();
    Consolidation.Suggested suggested = suggestedPair(org);
    String path = "/api/v1/posts/suggestions/" + suggested.suggestionId();
    String other = org();
    assertThat(
            call("GET", "/api/v1/posts/suggestions", member(other)).body().path("total").asLong())
        .isZero();
    for (String action : List.of("/accept", "/dismiss")) {
      Reply elsewhere = call("POST", path + action, admin(other));
      assertThat(elsewhere.status()).as(action).isEqualTo(404);
      assertThat(elsewhere.body().path("type").asString()).endsWith("/no-such-suggestion");
      assertThat(call("POST", path + action, member(org)).status()).as(action).isEqualTo(403);
      assertThat(call("POST", path + action, null).status()).as(action).isEqualTo(401);
      Reply bad = call("POST", "/api/v1/posts/suggestions/not-a-uuid" + action, admin(org));
      assertThat(bad.status()).as(action).isEqualTo(400);
    }
    for (String query : List.of("?page=-1", "?size=0", "?size=101", "?page=x")) {
      Reply bad = call("GET", "/api/v1/posts/suggestions" + query, member(org));
      assertThat(bad.status()).as(query).isEqualTo(400);
    }
    // the org's own suggestion is untouched by all that
    assertThat(openSuggestions(org)).isEqualTo(1);
  }

  @Test
  void twoAcceptsOfOneNewPostsSuggestionsAtOnceAnswer200And409NeverA500() throws Exception {
    // given a new post suggested to two candidates (most: 2)
    String org = org();
    Consolidation.Suggested first = suggestedPair(org);
    UUID export = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build()).postId();
    UUID secondId = UUID.randomUUID();
    assertThat(suggestions.insert(open(secondId, org, first.postId(), export))).isTrue();
    // and a merge that takes a moment (moving the new post's mentions sleeps 2 s)
    try (var slow =
        DedupTestSupport.orgTrigger(jdbc, org, "update", "mention", "perform pg_sleep(2)")) {
      // when an admin accepts one, and, while it merges, the other
      var a =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return call(
                      "POST",
                      "/api/v1/posts/suggestions/" + first.suggestionId() + "/accept",
                      admin(org));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(500);
      Reply b = call("POST", "/api/v1/posts/suggestions/" + secondId + "/accept", admin(org));
      Reply ra = a.get();
      // then one merges (200) and the other, which waited for it rather than deadlocking, is told
      // its suggestion was closed by that merge (409 suggestion-closed), never a 500 (whichever of
      // the two reached the database first)
      List<Reply> replies = List.of(ra, b);
      assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(200, 409);
      assertThat(replies)
          .filteredOn(r -> r.status() == 409)
          .singleElement()
          .satisfies(
              r -> assertThat(r.body().path("type").asString()).endsWith("/suggestion-closed"));
    }
  }

  @Test
  void aMentionSplitOffAPostOfAnEarlierModelKeepsThatModel() throws Exception {
    // given a post of two mentions embedded by an earlier model (before a model switch)
    String org = org();
    UUID post = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build()).postId();
    Consolidation again = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    assertThat(again).isInstanceOf(Consolidation.Joined.class);
    UUID mention = ((Consolidation.Joined) again).mentionId();
    jdbc.sql("update post set embedding_model = 'earlier-model' where id = :id")
        .param("id", post)
        .update();
    // when a mention is split off
    HttpResponse<String> split = split(org, post, mention);
    assertThat(split.statusCode()).isEqualTo(201);
    UUID created = UUID.fromString(json.readTree(split.body()).path("id").asString());
    // then the new post's vector is labelled with the model it comes from, so the two can merge
    // back
    assertThat(
            jdbc.sql("select embedding_model from post where id = :id")
                .param("id", created)
                .query(String.class)
                .single())
        .isEqualTo("earlier-model");
    Reply back =
        callWithBody(
            "/api/v1/posts/" + post + "/merge", admin(org), "{\"from\":\"" + created + "\"}");
    assertThat(back.status()).isEqualTo(200);
  }

  @Test
  void aSplitIsRememberedAndTheSuggestionsItsMentionMadeFollowIt() throws Exception {
    // given an SSO post with a suggestion whose evidence quotes it as the candidate (the second
    // phrasing), an export post merged into it by hand, and two more open suggestions with the
    // post on their item side: one quoting its SSO mention, one its export mention
    String org = org();
    Consolidation.Suggested suggested = suggestedPair(org);
    UUID post = withExportMergedIn(org, suggested.candidateId());
    UUID mobile = consolidating.consolidate(ItemSpec.of(org, MOBILE, MOBILE_TEXT).build()).postId();
    UUID other =
        consolidating
            .consolidate(ItemSpec.of(org, "Dark mode", "A dark mode for the night shift.").build())
            .postId();
    UUID quotingSso = UUID.randomUUID();
    UUID quotingExport = UUID.randomUUID();
    assertThat(suggestions.insert(open(quotingSso, org, post, mobile, SSO_TEXT, null))).isTrue();
    assertThat(suggestions.insert(open(quotingExport, org, post, other, EXPORT_TEXT, null)))
        .isTrue();
    UUID ssoMention = firstMention(post);
    // when an admin splits the SSO mention off
    HttpResponse<String> split = split(org, post, ssoMention);
    assertThat(split.statusCode()).isEqualTo(201);
    UUID created = UUID.fromString(json.readTree(split.body()).path("id").asString());
    // then the two are a dismissed pair, decided by the admin: never suggested again either way
    MergeSuggestion separated =
        jdbc.sql("select * from merge_suggestion where post_id = :n and candidate_id = :p")
            .param("n", created)
            .param("p", post)
            .query(SuggestionRepository::suggestion)
            .single();
    assertThat(separated.status()).isEqualTo(MergeSuggestion.Status.DISMISSED);
    assertThat(separated.decidedBy()).isNotBlank().isNotEqualTo("system");
    assertThat(separated.evidence().itemQuote()).isEqualTo(SSO_TEXT);
    assertThat(suggestions.insert(open(UUID.randomUUID(), org, post, created))).isFalse();
    assertThat(suggestions.insert(open(UUID.randomUUID(), org, created, post))).isFalse();
    // and the suggestions whose evidence quotes the SSO mention now name the new post, on the side
    // the mention was on; the one quoting the export mention stays with the post
    Reply listed = call("GET", "/api/v1/posts/suggestions", member(org));
    Map<String, JsonNode> byId = new HashMap<>();
    listed.body().path("items").forEach(i -> byId.put(i.path("id").asString(), i));
    assertThat(byId).hasSize(3);
    JsonNode asCandidate = byId.get(suggested.suggestionId().toString());
    assertThat(asCandidate.path("post").path("id").asString())
        .isEqualTo(suggested.postId().toString());
    assertThat(asCandidate.path("candidate").path("id").asString()).isEqualTo(created.toString());
    assertThat(byId.get(quotingSso.toString()).path("post").path("id").asString())
        .isEqualTo(created.toString());
    assertThat(byId.get(quotingExport.toString()).path("post").path("id").asString())
        .isEqualTo(post.toString());
    // and feedback.posts.v1 announces each moved suggestion again with the posts it names now
    List<PostEvent> again =
        DedupTestSupport.eventsOf(broker.getBrokersAsString(), 5, suggested.postId(), created)
            .stream()
            .filter(e -> e.getType() == PostEventType.MERGE_SUGGESTED)
            .toList();
    assertThat(again)
        .extracting(e -> e.getPostId() + ">" + e.getSuggestion().getCandidatePostId())
        .contains(suggested.postId() + ">" + created, created + ">" + mobile);
    // and accepting the moved suggestion merges the second phrasing into the SSO mention's post
    Reply accept =
        call(
            "POST",
            "/api/v1/posts/suggestions/" + suggested.suggestionId() + "/accept",
            admin(org));
    assertThat(accept.status()).isEqualTo(200);
    assertThat(mentionCount(org, created)).isEqualTo(2);
    assertThat(mentionCount(org, post)).isEqualTo(1);
  }

  @Test
  void aSplitLocksThePostsWhoseSuggestionsItReannouncesBeforeReadingThem() throws Exception {
    // given a suggestion of the second SSO phrasing into the SSO post, by its SSO mention, and a
    // request holding the second phrasing's post (an item joining it, say)
    String org = org();
    Consolidation.Suggested suggested = suggestedPair(org);
    UUID post = withExportMergedIn(org, suggested.candidateId());
    UUID ssoMention = firstMention(post);
    try (Connection holder = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      try (var lock = holder.prepareStatement("select id from post where id = ? for update")) {
        lock.setObject(1, suggested.postId());
        lock.executeQuery().close();
      }
      // when an admin splits the SSO mention off meanwhile
      var split = splitLater(org, post, ssoMention);
      // then the split waits for that post, whose MERGE_SUGGESTED it writes with its state, until
      // the other request is done with it
      Thread.sleep(1_000);
      assertThat(split).isNotDone();
      holder.rollback();
      assertThat(split.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void anAcceptWhileASplitMovesItsSuggestionMergesIntoThePostItNamesNow() throws Exception {
    // given a suggestion whose candidate quote is the mention an admin is splitting off its post
    // (the split takes a moment: recording the pair it separates sleeps 2 s)
    String org = org();
    Consolidation.Suggested suggested = suggestedPair(org);
    UUID post = withExportMergedIn(org, suggested.candidateId());
    UUID ssoMention = firstMention(post);
    try (var slow =
        DedupTestSupport.orgTrigger(
            jdbc, org, "insert", "merge_suggestion", "perform pg_sleep(2)")) {
      var split = splitLater(org, post, ssoMention);
      Thread.sleep(500);
      // when an admin accepts the suggestion meanwhile
      Reply accept =
          call(
              "POST",
              "/api/v1/posts/suggestions/" + suggested.suggestionId() + "/accept",
              admin(org));
      HttpResponse<String> splitReply = split.get();
      // then both succeed, and the second phrasing is merged into the split-off SSO post
      assertThat(splitReply.statusCode()).isEqualTo(201);
      UUID created = UUID.fromString(json.readTree(splitReply.body()).path("id").asString());
      assertThat(accept.status()).isEqualTo(200);
      assertThat(accept.body().path("candidate").path("id").asString())
          .isEqualTo(created.toString());
      assertThat(
              call("GET", "/api/v1/posts/" + suggested.postId(), member(org))
                  .body()
                  .path("post")
                  .path("mergedInto")
                  .asString())
          .isEqualTo(created.toString());
    }
  }

  /** An open suggestion of {@code post} into {@code candidate}, scored 0.5, without evidence. */
  private static MergeSuggestion open(UUID id, String org, UUID post, UUID candidate) {
    return open(id, org, post, candidate, null, null);
  }

  /** An open suggestion of {@code post} into {@code candidate}, scored 0.5, with this evidence. */
  private static MergeSuggestion open(
      UUID id, String org, UUID post, UUID candidate, String itemQuote, String candidateQuote) {
    return new MergeSuggestion(
        id,
        org,
        post,
        candidate,
        0.5,
        new MergeSuggestion.Evidence(itemQuote, candidateQuote),
        MergeSuggestion.Status.OPEN,
        Instant.now(),
        null,
        null);
  }

  private Reply callWithBody(String path, String token, String body) throws Exception {
    HttpResponse<String> response = ApiCalls.post(port, path, token, body);
    return new Reply(response.statusCode(), json.readTree(response.body()));
  }

  /** Merges a new export post into {@code post} by hand: a post of two unlike mentions. */
  private UUID withExportMergedIn(String org, UUID post) throws Exception {
    UUID export = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build()).postId();
    assertThat(
            callWithBody(
                    "/api/v1/posts/" + post + "/merge", admin(org), "{\"from\":\"" + export + "\"}")
                .status())
        .isEqualTo(200);
    return post;
  }

  private HttpResponse<String> split(String org, UUID post, UUID mention) throws Exception {
    return ApiCalls.send(
        port,
        "POST",
        "/api/v1/posts/" + post + "/mentions/" + mention + "/split",
        admin(org),
        null,
        null);
  }

  /** The split request, sent on another thread. */
  private CompletableFuture<HttpResponse<String>> splitLater(String org, UUID post, UUID mention) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return split(org, post, mention);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** The post's earliest mention. */
  private UUID firstMention(UUID post) {
    return jdbc.sql("select id from mention where post_id = :p order by created_at limit 1")
        .param("p", post)
        .query(UUID.class)
        .single();
  }

  private int mentionCount(String org, UUID post) throws Exception {
    return call("GET", "/api/v1/posts/" + post, member(org))
        .body()
        .path("post")
        .path("mentionCount")
        .asInt();
  }

  private List<UUID> posts(String org) {
    return jdbc.sql(
            "select id from post where org_id = :org and merged_into is null order by created_at")
        .param("org", org)
        .query(UUID.class)
        .list();
  }

  private long indexedPosts(String org) {
    return jdbc.sql("select count(*) from post where org_id = :org and indexed_at is not null")
        .param("org", org)
        .query(Long.class)
        .single();
  }
}

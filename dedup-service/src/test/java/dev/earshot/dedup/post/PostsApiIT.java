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

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.events.PostEvent;
import dev.earshot.events.PostEventType;
import dev.earshot.events.Topics;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ActuatorPort;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.TestTokens;
import dev.earshot.testing.sweep.MalformedRequestSweep;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The posts API over HTTP: org-scoped reads, admin-only merge, split and edit, clear errors. */
@ExtendWith(EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.dedup.outbox.interval=100ms"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostsApiIT {

  static final Path index = DedupTestSupport.indexDirectory();
  static final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired LocalTokenIssuer tokens;
  @Autowired ConsolidatingFeedback consolidating;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  record Reply(int status, JsonNode body) {}

  private String admin(String org) {
    return TestTokens.admin(tokens::issue, org);
  }

  private String member(String org) {
    return TestTokens.member(tokens::issue, org);
  }

  private Reply call(String method, String path, String token, String body) throws Exception {
    HttpResponse<String> response = ApiCalls.send(port, method, path, token, body, null);
    return new Reply(
        response.statusCode(), response.body().isBlank() ? null : json.readTree(response.body()));
  }

  private UUID post(ItemSpec item) {
    return consolidating.consolidate(item.build()).postId();
  }

  private static String org() {
    return "org-" + UUID.randomUUID();
  }

  @Test
  void everyEndpointAnswersMalformedRequestsWithAProblemNeverA5xx(
      @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
    // given an org's admin and member, and no token
    String org = org();
    post(ItemSpec.of(org, SSO, SSO_TEXT));
    // when every mapped endpoint gets the sweep's malformed requests
    MalformedRequestSweep.Result result =
        MalformedRequestSweep.of(port, mapping)
            .caller("admin", admin(org))
            .caller("member", member(org))
            .caller("anonymous", null)
            .run();
    // and the actuator endpoints on the management port get them too
    MalformedRequestSweep.Result actuator =
        MalformedRequestSweep.actuator(managementPort)
            .caller("admin", admin(org))
            .caller("anonymous", null)
            .run();
    // then none is a 5xx, and every 4xx is a problem with a title and a detail
    System.out.println("PostsApiIT sweep: " + result);
    System.out.println("PostsApiIT actuator sweep: " + actuator);
    result.assertNoServerErrorsAndEvery4xxIsAProblem();
    actuator.assertNoServerErrorsAndEvery4xxIsAProblem();
  }

  @Test
  void actuatorIsServedOnTheManagementPortOnlyNeverOnTheApiPort() throws Exception {
    // Prometheus's scrape is open (some meters are tagged with org ids): not where the API is
    ActuatorPort.assertServedOnTheManagementPortOnly(port, managementPort, admin(org()));
  }

  @Test
  void listsTheOrgsPostsSortedByMentionsRecencyOrDealAmountAndPaged() throws Exception {
    // given three posts: SSO twice (small deal), export once (big deal, latest), mobile once
    String org = org();
    UUID sso = post(ItemSpec.of(org, SSO, SSO_TEXT).account("a1", "1000"));
    post(ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).account("a2", "2000"));
    UUID export =
        post(
            ItemSpec.of(org, EXPORT, EXPORT_TEXT)
                .account("a3", "90000")
                .at(Instant.parse("2026-11-20T09:00:00Z")));
    UUID mobile = post(ItemSpec.of(org, MOBILE, MOBILE_TEXT));
    post(ItemSpec.of(org(), SSO, SSO_TEXT));
    // when / then
    Reply byMentions = call("GET", "/api/v1/posts?sort=mentions", member(org), null);
    assertThat(byMentions.status()).isEqualTo(200);
    assertThat(byMentions.body().path("total").asLong()).isEqualTo(3);
    assertThat(byMentions.body().path("items").get(0).path("id").asString())
        .isEqualTo(sso.toString());
    assertThat(byMentions.body().path("items").get(0).path("mentionCount").asInt()).isEqualTo(2);
    assertThat(
            call("GET", "/api/v1/posts?sort=deal_amount", member(org), null)
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString())
        .isEqualTo(export.toString());
    assertThat(
            call("GET", "/api/v1/posts?sort=recent", member(org), null)
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString())
        .isEqualTo(export.toString());
    Reply page = call("GET", "/api/v1/posts?sort=mentions&size=2&page=1", member(org), null);
    assertThat(page.body().path("items")).hasSize(1);
    assertThat(page.body().path("total").asLong()).isEqualTo(3);
    Reply search = call("GET", "/api/v1/posts?q=crashes", member(org), null);
    assertThat(search.body().path("items")).hasSize(1);
    assertThat(search.body().path("items").get(0).path("id").asString())
        .isEqualTo(mobile.toString());
    assertThat(
            call("GET", "/api/v1/posts?status=planned", member(org), null)
                .body()
                .path("total")
                .asLong())
        .isZero();
  }

  @Test
  void aPostComesWithItsMentionsAndLinksBackToTheCalls() throws Exception {
    String org = org();
    ItemSpec first = ItemSpec.of(org, SSO, SSO_TEXT).account("a1", "1000");
    UUID post = post(first);
    post(ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT));
    Reply reply = call("GET", "/api/v1/posts/" + post, member(org), null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("post").path("tags").toString())
        .contains("source: gong", "source_type: integration");
    JsonNode mention = reply.body().path("mentions").get(0);
    assertThat(reply.body().path("mentions")).hasSize(2);
    assertThat(mention.path("callUrl").asString())
        .isEqualTo("https://app.gong.io/call?id=" + first.callId());
    assertThat(mention.path("author").path("name").asString()).isEqualTo("Dana Reyes");
    assertThat(mention.path("account").path("name").asString()).isEqualTo("Account a1");
    assertThat(mention.path("quotes").get(0).path("startMs").asLong()).isEqualTo(61_000);
  }

  @Test
  void anotherOrgsPostIsNotFoundAndBadInputIsExplained() throws Exception {
    String org = org();
    UUID post = post(ItemSpec.of(org, SSO, SSO_TEXT));
    Reply elsewhere = call("GET", "/api/v1/posts/" + post, member(org()), null);
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(elsewhere.body().path("type").asString()).endsWith("/no-such-post");
    for (String query :
        List.of("sort=popular", "size=1000", "page=-1", "status=shipped", "kind=idea")) {
      Reply bad = call("GET", "/api/v1/posts?" + query, member(org), null);
      assertThat(bad.status()).as(query).isEqualTo(400);
      assertThat(bad.body().path("detail").asString()).as(query).isNotBlank();
      assertThat(bad.body().toString()).doesNotContain("Exception");
    }
    assertThat(call("GET", "/api/v1/posts/not-a-uuid", member(org), null).status()).isEqualTo(400);
    assertThat(call("GET", "/api/v1/posts", null, null).status()).isEqualTo(401);
  }

  @Test
  void membersReadButOnlyAdminsChangeTheBoard() throws Exception {
    String org = org();
    UUID a = post(ItemSpec.of(org, SSO, SSO_TEXT));
    UUID b = post(ItemSpec.of(org, EXPORT, EXPORT_TEXT));
    assertThat(
            call("POST", "/api/v1/posts/" + a + "/merge", member(org), "{\"from\":\"" + b + "\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            call("PATCH", "/api/v1/posts/" + a, member(org), "{\"status\":\"planned\"}").status())
        .isEqualTo(403);
  }

  @Test
  void mergingMovesTheMentionsKeepsHistoryAndLaterItemsFollow() throws Exception {
    // given two posts of one request that the threshold kept apart
    String org = org();
    UUID target = post(ItemSpec.of(org, SSO, SSO_TEXT));
    UUID from = post(ItemSpec.of(org, EXPORT, EXPORT_TEXT).account("a9", "5000"));
    // and the merged-in request voiced twice: a later item scores its mean similarity to every
    // mention of the merged post, so with one mention on each side an item like one of them would
    // score about (1 + cos) / 2, which for two unrelated texts sits right at the threshold
    assertThat(
            consolidating
                .consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).account("a9", "5000").build())
                .postId())
        .isEqualTo(from);
    // when an admin merges them
    Reply merged =
        call(
            "POST",
            "/api/v1/posts/" + target + "/merge",
            admin(org),
            "{\"from\":\"" + from + "\"}");
    // then
    assertThat(merged.status()).isEqualTo(200);
    assertThat(merged.body().path("mentionCount").asInt()).isEqualTo(3);
    assertThat(merged.body().path("dealAmountAtStake").decimalValue()).isEqualByComparingTo("5000");
    Reply gone = call("GET", "/api/v1/posts/" + from, member(org), null);
    assertThat(gone.body().path("post").path("status").asString()).isEqualTo("merged");
    assertThat(gone.body().path("post").path("mergedInto").asString()).isEqualTo(target.toString());
    assertThat(gone.body().path("history").get(0).path("action").asString())
        .isEqualTo("merged_into");
    Reply kept = call("GET", "/api/v1/posts/" + target, member(org), null);
    assertThat(kept.body().path("mentions")).hasSize(3);
    assertThat(kept.body().path("history").get(0).path("detail").path("from").asString())
        .isEqualTo(from.toString());
    assertThat(call("GET", "/api/v1/posts", member(org), null).body().path("total").asLong())
        .isEqualTo(1);
    assertThat(
            call("GET", "/api/v1/posts?status=merged", member(org), null)
                .body()
                .path("total")
                .asLong())
        .isEqualTo(1);
    // and an item like the merged post's now joins the target
    var later = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    assertThat(later).isInstanceOf(Consolidation.Joined.class);
    assertThat(later.postId()).isEqualTo(target);
    // and the events tell downstream
    List<PostEvent> events =
        DedupTestSupport.eventsOf(broker.getBrokersAsString(), 5, target, from);
    assertThat(events)
        .filteredOn(e -> e.getType() == PostEventType.MERGED)
        .singleElement()
        .satisfies(e -> assertThat(e.getMergedFromPostId()).isEqualTo(from.toString()));
    assertThat(events)
        .filteredOn(e -> e.getPostId().equals(from.toString()))
        .last()
        .satisfies(e -> assertThat(e.getStatus()).isEqualTo("merged"));
    // and a merged post cannot be merged again, nor a post into itself
    Reply again =
        call(
            "POST",
            "/api/v1/posts/" + target + "/merge",
            admin(org),
            "{\"from\":\"" + from + "\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("type").asString()).endsWith("/post-merged");
    assertThat(
            call(
                    "POST",
                    "/api/v1/posts/" + target + "/merge",
                    admin(org),
                    "{\"from\":\"" + target + "\"}")
                .status())
        .isEqualTo(400);
    assertThat(call("POST", "/api/v1/posts/" + target + "/merge", admin(org), "{}").status())
        .isEqualTo(400);
  }

  @Test
  void splittingAMentionMakesItAPostOfItsOwn() throws Exception {
    String org = org();
    UUID post = post(ItemSpec.of(org, SSO, SSO_TEXT));
    post(ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).account("a2", "700"));
    JsonNode mentions =
        call("GET", "/api/v1/posts/" + post, member(org), null).body().path("mentions");
    String second = mentions.get(1).path("id").asString();
    // when
    Reply split =
        call("POST", "/api/v1/posts/" + post + "/mentions/" + second + "/split", admin(org), null);
    // then
    assertThat(split.status()).isEqualTo(201);
    assertThat(split.body().path("title").asString()).isEqualTo(SSO_AGAIN);
    assertThat(split.body().path("mentionCount").asInt()).isEqualTo(1);
    assertThat(split.body().path("dealAmountAtStake").decimalValue()).isEqualByComparingTo("700");
    Reply left = call("GET", "/api/v1/posts/" + post, member(org), null);
    assertThat(left.body().path("post").path("mentionCount").asInt()).isEqualTo(1);
    assertThat(left.body().path("post").path("dealAmountAtStake").decimalValue())
        .isEqualByComparingTo("0");
    assertThat(left.body().path("history").get(0).path("action").asString())
        .isEqualTo("mention_split");
    // and a post's only mention cannot be split off
    String only = left.body().path("mentions").get(0).path("id").asString();
    Reply refused =
        call("POST", "/api/v1/posts/" + post + "/mentions/" + only + "/split", admin(org), null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(
            call(
                    "POST",
                    "/api/v1/posts/" + post + "/mentions/" + UUID.randomUUID() + "/split",
                    admin(org),
                    null)
                .status())
        .isEqualTo(404);
  }

  @Test
  void anAdminMovesAPostAlongAndRetitlesIt() throws Exception {
    String org = org();
    UUID post = post(ItemSpec.of(org, SSO, SSO_TEXT));
    Reply edited =
        call(
            "PATCH",
            "/api/v1/posts/" + post,
            admin(org),
            "{\"status\":\"planned\",\"title\":\"Okta SSO\"}");
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.body().path("status").asString()).isEqualTo("planned");
    assertThat(edited.body().path("title").asString()).isEqualTo("Okta SSO");
    assertThat(
            call("PATCH", "/api/v1/posts/" + post, admin(org), "{\"status\":\"merged\"}").status())
        .isEqualTo(400);
    assertThat(call("PATCH", "/api/v1/posts/" + post, admin(org), "{}").status()).isEqualTo(400);
    assertThat(call("PATCH", "/api/v1/posts/" + post, admin(org), "{not json").status())
        .isEqualTo(400);
    List<PostEvent> events = DedupTestSupport.eventsOf(broker.getBrokersAsString(), 2, post);
    assertThat(events)
        .extracting(PostEvent::getType)
        .containsExactly(PostEventType.CREATED, PostEventType.UPDATED);
    assertThat(events.getLast().getStatus()).isEqualTo("planned");
  }

  @Test
  void anOversizedEditIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
    String org = org();
    UUID post = post(ItemSpec.of(org, SSO, SSO_TEXT));
    // 5 MB: more than Kafka's max.request.size once in a post event
    String huge = "x".repeat(5 * 1024 * 1024);

    Reply description =
        call(
            "PATCH",
            "/api/v1/posts/" + post,
            admin(org),
            json.writeValueAsString(java.util.Map.of("description", huge)));
    Reply title =
        call(
            "PATCH",
            "/api/v1/posts/" + post,
            admin(org),
            json.writeValueAsString(java.util.Map.of("title", "t".repeat(201))));

    assertThat(description.status()).isEqualTo(400);
    assertThat(description.body().path("type").asString()).endsWith("/invalid-description");
    assertThat(description.body().path("detail").asString()).contains("10000");
    assertThat(title.status()).isEqualTo(400);
    assertThat(title.body().path("type").asString()).endsWith("/invalid-title");
    Reply atTheLimit =
        call(
            "PATCH",
            "/api/v1/posts/" + post,
            admin(org),
            json.writeValueAsString(java.util.Map.of("description", "d".repeat(10_000))));
    assertThat(atTheLimit.status()).isEqualTo(200);
    assertThat(
            call("GET", "/api/v1/posts/" + post, member(org), null)
                .body()
                .path("post")
                .path("description")
                .asString())
        .hasSize(10_000);
  }

  @Test
  void mergingPostsOfDifferentEmbeddingModelsIsAConflictNotAServerError() throws Exception {
    // given a post from before a model switch: another model, another dimension
    String org = org();
    UUID current = post(ItemSpec.of(org, SSO, SSO_TEXT));
    UUID older = post(ItemSpec.of(org, EXPORT, EXPORT_TEXT));
    jdbc.sql("update post set embedding_model = 'voyage-3-large', vector_sum = :v where id = :id")
        .param("v", dev.earshot.dedup.board.PostVector.bytes(new float[] {0.6f, 0.8f}))
        .param("id", older)
        .update();

    Reply merged =
        call(
            "POST",
            "/api/v1/posts/" + current + "/merge",
            admin(org),
            "{\"from\":\"" + older + "\"}");

    assertThat(merged.status()).isEqualTo(409);
    assertThat(merged.body().path("type").asString()).endsWith("/different-embedding-models");
    assertThat(merged.body().path("detail").asString()).contains("voyage-3-large");
    assertThat(
            jdbc.sql("select count(*) from post where merged_into is not null and org_id = :org")
                .param("org", org)
                .query(Long.class)
                .single())
        .isZero();
  }
}

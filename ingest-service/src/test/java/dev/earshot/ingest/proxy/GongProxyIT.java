package dev.earshot.ingest.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Topics;
import dev.earshot.ingest.GongStub;
import dev.earshot.ingest.GongStub.Answer;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.kit.security.SecurityProperties;
import dev.earshot.testing.ActuatorPort;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import dev.earshot.testing.sweep.MalformedRequestSweep;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admins' Gong proxy end to end: the real service, PostgreSQL, a KRaft broker and a stub Gong
 * that records what reaches it. Reads on the allow-list go to the connection's base URL through its
 * client (limiter, metrics); writes never leave Earshot; private calls never come back.
 */
@IngestServiceTest
// The malformed-request sweep sends hundreds of reads Gong answers: not at Gong's 3 a second.
@TestPropertySource(
    properties = {"earshot.ingest.gong-limits.per-second=1000", "management.server.port=0"})
@EmbeddedKafka(partitions = 1, topics = Topics.CONNECTIONS)
class GongProxyIT {

  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();
  static final GongStub gong = GongStub.start();
  static final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired LocalTokenIssuer tokens;
  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(registry, postgres);
    registry.add("earshot.ingest.allowed-local-gong-origins", gong::baseUrl);
  }

  @AfterEach
  void clean() {
    gong.reset();
    jdbc.sql("delete from connection").update();
  }

  @AfterAll
  static void stop() {
    gong.close();
  }

  @Test
  void anAllowedGetIsForwardedWithItsQueryAndPrivateCallsAreWithheld() throws Exception {
    UUID id = connect("org-proxy-get");
    gong.answer(
        "GET",
        "/v2/calls",
        Answer.json(
            200,
            """
            {"requestId":"r1","records":{"totalRecords":3},"calls":[
              {"id":"101","title":"Public call","isPrivate":false},
              {"id":"102","title":"Private call","isPrivate":true},
              {"id":"103","title":"Unsaid call"}]}"""));
    double requestsBefore = gongRequests(id, "200");

    HttpResponse<String> answer =
        get("/api/v1/gong/v2/calls?fromDateTime=2026-11-01T00:00:00Z", admin("org-proxy-get"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = json.readTree(answer.body());
    assertThat(body.path("calls")).hasSize(1);
    assertThat(body.path("calls").get(0).path("id").asString()).isEqualTo("101");
    assertThat(answer.body()).doesNotContain("Private call").doesNotContain("Unsaid call");
    assertThat(answer.headers().firstValue(GongProxyController.WITHHELD_HEADER)).contains("2");
    GongStub.Request reached = gong.received().getLast();
    assertThat(reached.method()).isEqualTo("GET");
    assertThat(java.net.URLDecoder.decode(reached.query(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("fromDateTime=2026-11-01T00:00:00Z");
    assertThat(gongRequests(id, "200") - requestsBefore).isEqualTo(1);
  }

  @Test
  void aReadPostIsForwardedWithItsBody() throws Exception {
    connect("org-proxy-post");
    gong.answer(
        "POST",
        "/v2/calls/extensive",
        Answer.json(
            200,
            """
            {"calls":[{"metaData":{"id":"1","isPrivate":false}},
                      {"metaData":{"id":"2","isPrivate":true}}]}"""));

    HttpResponse<String> answer =
        ApiCalls.post(
            port,
            "/api/v1/gong/v2/calls/extensive",
            admin("org-proxy-post"),
            "{\"filter\":{\"callIds\":[\"1\",\"2\"]}}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(json.readTree(answer.body()).path("calls")).hasSize(1);
    assertThat(gong.received().getLast().body()).contains("\"callIds\":[\"1\",\"2\"]");
  }

  @Test
  void writesAndReadsOffTheListAreRefusedWith403AndNeverReachGong() throws Exception {
    connect("org-proxy-write");
    String admin = admin("org-proxy-write");
    long before = gong.received().size();

    Map<String, String[]> refused =
        Map.of(
            "upload a call", new String[] {"POST", "/api/v1/gong/v2/calls", "{}"},
            "replace media", new String[] {"PUT", "/api/v1/gong/v2/calls/1/media", "{}"},
            "delete an integration",
                new String[] {"DELETE", "/api/v1/gong/v2/crm/integrations", null},
            "erase a person",
                new String[] {
                  "POST", "/api/v1/gong/v2/data-privacy/erase-data-for-email-address", "{}"
                },
            "read a transcript",
                new String[] {"POST", "/api/v1/gong/v2/calls/transcript", "{\"filter\":{}}"});
    // a write sent as a form (curl -d's default content type) is refused for what it is, too
    HttpResponse<String> form =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/gong/v2/calls"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(form.statusCode()).as(form.body()).isEqualTo(403);
    for (var request : refused.entrySet()) {
      String[] r = request.getValue();
      HttpResponse<String> answer = ApiCalls.send(port, r[0], r[1], admin, r[2], null);
      assertThat(answer.statusCode()).as(request.getKey() + ": " + answer.body()).isEqualTo(403);
      assertThat(json.readTree(answer.body()).path("detail").asString())
          .as(request.getKey())
          .containsAnyOf("not a read", "not on the Gong proxy's read-only allow-list");
    }
    assertThat(gong.received().size() - before).isZero();
  }

  @Test
  void aQueryParameterNameGongDoesNotUseIsA400AndNeverReachesGong() throws Exception {
    connect("org-proxy-query");
    String admin = admin("org-proxy-query");
    long before = gong.received().size();
    for (String query : List.of("from_date=2026-11-01", "fromDateTime%5B%5D=x", "1cursor=a")) {
      HttpResponse<String> answer = get("/api/v1/gong/v2/calls?" + query, admin);
      assertThat(answer.statusCode()).as(query + ": " + answer.body()).isEqualTo(400);
      assertThat(json.readTree(answer.body()).path("type").asString())
          .as(query)
          .endsWith("/gong-proxy-bad-query-parameter");
    }
    assertThat(gong.received().size() - before).isZero();
  }

  @Test
  void onlyAdminsOfTheOrgReachTheirOwnConnection() throws Exception {
    connect("org-proxy-scope");
    gong.answer("GET", "/v2/users", GongStub.users(2));
    long before = gong.received().size();

    HttpResponse<String> member =
        get("/api/v1/gong/v2/users", TestTokens.member(tokens::issue, "org-proxy-scope"));
    HttpResponse<String> otherOrg = get("/api/v1/gong/v2/users", admin("org-proxy-other"));

    assertThat(member.statusCode()).isEqualTo(403);
    assertThat(otherOrg.statusCode()).as(otherOrg.body()).isEqualTo(404);
    assertThat(gong.received().size() - before).isZero();
  }

  @Test
  void gongsNotFoundIsRelayedAndALongRetryAfterPausesTheConnection() throws Exception {
    connect("org-proxy-429");
    String admin = admin("org-proxy-429");
    gong.answer("GET", "/v2/users/42", Answer.error(404, "No user with id 42"));
    gong.answer(
        "GET", "/v2/workspaces", Answer.error(429, "quota").withHeader("Retry-After", "41400"));

    HttpResponse<String> notFound = get("/api/v1/gong/v2/users/42", admin);
    HttpResponse<String> limited = get("/api/v1/gong/v2/workspaces", admin);
    long before = gong.received().size();
    HttpResponse<String> paused = get("/api/v1/gong/v2/workspaces", admin);

    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).contains("No user with id 42");
    assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("41400");
    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(409);
    assertThat(paused.body()).contains("paused until");
    assertThat(gong.received().size() - before).isZero();
  }

  @Test
  void everyEndpointAnswersMalformedRequestsWithAProblemNeverA5xx(
      @Autowired SecurityProperties security,
      @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping)
      throws Exception {
    // given an org connected to Gong (Gong answering its reads), its admin and member, a service
    // token for the internal API, and no token
    String org = "org-proxy-sweep";
    connect(org);
    gong.answer("GET", "/v2/users", GongStub.users(2));
    String service =
        tokens.issueForService("sweep", security.internalAudience(), TestTokens.LIFETIME);
    // when every mapped endpoint gets the sweep's malformed requests: the proxy first, while the
    // org is connected (the rest of the API includes disconnecting it)
    List<MalformedRequestSweep.Result> results = new java.util.ArrayList<>();
    for (boolean proxy : List.of(true, false)) {
      results.add(
          MalformedRequestSweep.of(port, mapping)
              .only(pattern -> pattern.startsWith("/api/v1/gong") == proxy)
              .example(
                  "/api/v1/gong/**", "/api/v1/gong/v2/calls", "/api/v1/gong/v2/calls/extensive")
              .caller("admin", admin(org))
              .caller("member", TestTokens.member(tokens::issue, org))
              .caller("service", service)
              .caller("anonymous", null)
              .run());
    }
    results.add(
        MalformedRequestSweep.actuator(managementPort)
            .caller("admin", admin(org))
            .caller("anonymous", null)
            .run());
    // then none is a 5xx, and every 4xx is a problem with a title and a detail
    for (MalformedRequestSweep.Result result : results) {
      System.out.println("GongProxyIT sweep: " + result);
      result.assertNoServerErrorsAndEvery4xxIsAProblem();
    }
  }

  @Test
  void actuatorIsServedOnTheManagementPortOnlyNeverOnTheApiPort() throws Exception {
    // Prometheus's scrape is open (some meters are tagged with org ids): not where the API is
    ActuatorPort.assertServedOnTheManagementPortOnly(port, managementPort, admin("org-actuator"));
  }

  @Test
  void theAllowListIsShownToAdmins() throws Exception {
    HttpResponse<String> list = get("/api/v1/gong", admin("org-proxy-list"));

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("/v2/calls/extensive").doesNotContain("/v2/calls/transcript");
  }

  private UUID connect(String org) throws Exception {
    gong.answer("GET", "/v2/users", GongStub.users(3));
    HttpResponse<String> created =
        ApiCalls.post(
            port,
            "/api/v1/connections/api-key",
            admin(org),
            json.writeValueAsString(
                Map.of("baseUrl", gong.baseUrl(), "accessKey", "key-" + org, "secret", "s")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    gong.reset();
    return UUID.fromString(json.readTree(created.body()).get("connection").get("id").asString());
  }

  private String admin(String org) {
    return TestTokens.admin(tokens::issue, org);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return ApiCalls.get(port, path, token);
  }

  private double gongRequests(UUID connection, String status) {
    var counter =
        meters
            .find("gong.client.requests")
            .tag("connection", connection.toString())
            .tag("endpoint", "proxied_read")
            .tag("status", status)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}

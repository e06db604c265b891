package dev.earshot.assistant.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.assistant.AssistantTestSupport;
import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ActuatorPort;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import dev.earshot.testing.sweep.MalformedRequestSweep;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls read model end to end: calls published on {@code gong.calls.v1} to an in-JVM KRaft
 * broker, kept in real PostgreSQL by the real service, read through its API with org-scoped tokens.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, "gong.calls.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CallsApiIT {

  @AutoClose static final EmbeddedDatabase postgres = AssistantTestSupport.postgres();
  static final JsonMapper json = JsonMapper.builder().build();
  static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    AssistantTestSupport.register(registry, postgres);
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired LocalTokenIssuer tokens;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @Test
  void everyEndpointAnswersMalformedRequestsWithAProblemNeverA5xx(
      @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
    // given an org's admin and member, and no token
    String org = "org-sweep";
    // when every mapped endpoint (calls, questions) gets the sweep's
    // malformed requests
    MalformedRequestSweep.Result result =
        MalformedRequestSweep.of(port, mapping)
            .caller("admin", TestTokens.admin(tokens::issue, org))
            .caller("member", TestTokens.member(tokens::issue, org))
            .caller("anonymous", null)
            .run();
    MalformedRequestSweep.Result actuator =
        MalformedRequestSweep.actuator(managementPort)
            .caller("admin", TestTokens.admin(tokens::issue, org))
            .caller("anonymous", null)
            .run();
    // then none is a 5xx, and every 4xx is a problem with a title and a detail
    System.out.println("CallsApiIT sweep: " + result);
    System.out.println("CallsApiIT actuator sweep: " + actuator);
    result.assertNoServerErrorsAndEvery4xxIsAProblem();
    actuator.assertNoServerErrorsAndEvery4xxIsAProblem();
  }

  @Test
  void actuatorIsServedOnTheManagementPortOnlyNeverOnTheApiPort() throws Exception {
    // Prometheus's scrape is open (some meters are tagged with org ids): not where the API is
    ActuatorPort.assertServedOnTheManagementPortOnly(
        port, managementPort, TestTokens.admin(tokens::issue, "org-actuator"));
  }

  @Test
  void callsAreSearchedByWindowAndWordsWithinTheCallersOrgOnly() throws Exception {
    String org = "org-search";
    send(Calls.call(org, "s-1", "Acme renewal", days(2)).build());
    send(
        Calls.call(org, "s-2", "Globex onboarding", days(10))
            .setCrm(null)
            .setParties(java.util.List.of())
            .build());
    send(Calls.call(org, "s-3", "Acme kickoff", days(120)).build());
    send(Calls.call("org-elsewhere", "x-1", "Acme at another org", days(1)).build());
    awaitHeld(org, 3);

    JsonNode acme = get("/api/v1/calls?q=ACME", member(org));
    JsonNode byParticipant = get("/api/v1/calls?q=dana%20director", member(org));
    JsonNode all = get("/api/v1/calls", member(org));
    JsonNode older = get("/api/v1/calls?from=" + days(200) + "&q=kickoff", member(org));
    JsonNode limited = get("/api/v1/calls?limit=1", member(org));

    assertThat(ids(acme)).containsExactly("s-1");
    assertThat(ids(byParticipant)).containsExactly("s-1");
    assertThat(ids(all)).containsExactly("s-1", "s-2");
    assertThat(ids(older)).containsExactly("s-3");
    assertThat(ids(limited)).containsExactly("s-1");
    assertThat(acme.path("calls").get(0).path("company").path("name").asString())
        .isEqualTo("Acme Corp");
    assertThat(acme.path("calls").get(0).has("brief")).isFalse();
  }

  @Test
  void aCallIsReadWithGongsSummaryAndNeverByAnotherOrg() throws Exception {
    String org = "org-detail";
    send(Calls.call(org, "d-1", "Acme renewal", days(3)).build());
    awaitHeld(org, 1);

    HttpResponse<String> mine = ApiCalls.get(port, "/api/v1/calls/d-1", member(org));
    HttpResponse<String> theirs = ApiCalls.get(port, "/api/v1/calls/d-1", member("org-other"));
    HttpResponse<String> theirSearch =
        ApiCalls.get(port, "/api/v1/calls?q=acme", member("org-other"));

    assertThat(mine.statusCode()).isEqualTo(200);
    JsonNode call = json.readTree(mine.body());
    assertThat(call.path("source").asString()).isEqualTo("earshot");
    assertThat(call.path("brief").asString()).contains("single sign-on");
    assertThat(call.path("keyPoints").get(0).asString()).isEqualTo("SSO is a blocker");
    assertThat(call.path("outline").get(0).path("section").asString()).isEqualTo("Security");
    assertThat(call.path("highlights").get(0).path("items").get(0).asString())
        .isEqualTo("Send the SSO roadmap");
    assertThat(call.path("pointsOfInterest").get(0).path("speaker").asString())
        .isEqualTo("Sam Seller");
    assertThat(call.path("speakers").get(0).path("talkSeconds").asDouble()).isEqualTo(5.2);
    assertThat(call.path("participants")).hasSize(2);
    assertThat(call.path("url").asString()).endsWith("id=d-1");
    assertThat(mine.body()).doesNotContain("We really need SSO with Okta");
    assertThat(theirs.statusCode()).isEqualTo(404);
    assertThat(json.readTree(theirSearch.body()).path("count").asInt()).isZero();
  }

  @Test
  void aRedeliveredOrOlderRecordChangesNothingAndANewerOneReplacesTheCall() throws Exception {
    String org = "org-redelivery";
    Call first = Calls.call(org, "r-1", "First title", days(4)).build();
    send(first);
    awaitHeld(org, 1);
    double unchangedBefore = unchanged();

    send(first);
    send(
        Calls.call(org, "r-1", "Older copy", days(4))
            .setFetchedAt(first.getFetchedAt().minusSeconds(60))
            .build());
    send(
        Calls.call(org, "r-1", "Summary arrived", days(4))
            .setFetchedAt(first.getFetchedAt().plusSeconds(600))
            .build());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                get("/api/v1/calls/r-1", member(org))
                    .path("title")
                    .asString()
                    .equals("Summary arrived"));
    assertThat(ids(get("/api/v1/calls", member(org)))).containsExactly("r-1");
    // the redelivery and the older copy, read before the newer record, were not written
    assertThat(unchanged() - unchangedBefore).isEqualTo(2.0);
  }

  private double unchanged() {
    return meters.counter("earshot.assistant.calls.kept", "outcome", "unchanged").count();
  }

  @Test
  void badParametersAre400WithAReasonAndATokenIsRequired() throws Exception {
    HttpResponse<String> badDate = ApiCalls.get(port, "/api/v1/calls?from=yesterday", member("o"));
    HttpResponse<String> badLimit = ApiCalls.get(port, "/api/v1/calls?limit=5000", member("o"));
    HttpResponse<String> noToken = ApiCalls.send(port, "GET", "/api/v1/calls", null, null, null);
    HttpResponse<String> lastDate =
        ApiCalls.get(port, "/api/v1/calls?to=%2B999999999-12-31", member("o"));
    HttpResponse<String> farYear =
        ApiCalls.get(port, "/api/v1/calls?from=%2B300000-01-01&to=%2B300001-01-01", member("o"));

    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(json.readTree(badDate.body()).path("detail").asString())
        .contains("from must be an ISO-8601");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(lastDate.statusCode()).as(lastDate.body()).isEqualTo(400);
    assertThat(json.readTree(lastDate.body()).path("detail").asString())
        .contains("to must be between 1970-01-01 and 9999-12-31");
    assertThat(farYear.statusCode()).as(farYear.body()).isEqualTo(400);
  }

  private static Instant days(int ago) {
    return TODAY.minus(Duration.ofDays(ago));
  }

  private void send(Call call) {
    kafka.send(Topics.CALLS, call.getCallId(), call).join();
  }

  private void awaitHeld(String org, int calls) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from held_call where org_id = :org")
                        .param("org", org)
                        .query(Long.class)
                        .single()
                    == calls);
  }

  private String member(String org) {
    return TestTokens.member(tokens::issue, org);
  }

  private JsonNode get(String path, String token) throws Exception {
    HttpResponse<String> answer = ApiCalls.get(port, path, token);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private static java.util.List<String> ids(JsonNode page) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    page.path("calls").forEach(call -> ids.add(call.path("id").asString()));
    return ids;
  }
}

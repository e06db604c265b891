package dev.earshot.assistant.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.assistant.AssistantTestSupport;
import dev.earshot.events.Topics;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/calls/{id}} for a call the read model does not hold: asked of ingest-service's
 * internal API (here a local HTTP server speaking it) with a service token, for the caller's org
 * only; marked as read from Gong; a down or failing ingest-service is a 503 with the reason.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "management.server.port=-1",
      "earshot.assistant.ingest.timeout=1s"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, "gong.calls.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CallFallbackIT {

  static final EmbeddedDatabase postgres = AssistantTestSupport.postgres();
  static final JsonMapper json = JsonMapper.builder().build();
  static final FakeIngest ingest = FakeIngest.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    AssistantTestSupport.register(registry, postgres, ingest.url());
  }

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired MeterRegistry meters;

  @AfterEach
  void reset() {
    ingest.requests.clear();
    ingest.mode = "normal";
  }

  @AfterAll
  static void stop() throws Exception {
    ingest.server.stop(0);
    postgres.close();
  }

  @Test
  void aCallNotHeldIsReadFromGongThroughIngestWithAServiceTokenAndMarkedSo() throws Exception {
    double before = fallbacks("fetched");

    HttpResponse<String> answer =
        ApiCalls.get(port, "/api/v1/calls/g-1", TestTokens.member(tokens::issue, "org-b"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode call = json.readTree(answer.body());
    assertThat(call.path("source").asString()).isEqualTo("gong");
    assertThat(call.path("id").asString()).isEqualTo("g-1");
    assertThat(call.path("brief").asString()).isEqualTo("They asked for SSO");
    assertThat(call.path("speakers").get(0).path("name").asString()).isEqualTo("Sam Seller");
    assertThat(call.path("speakers").get(0).path("talkSeconds").asDouble()).isZero();
    assertThat(ingest.requests).hasSize(1);
    FakeIngest.Request reached = ingest.requests.getFirst();
    assertThat(reached.path()).isEqualTo("/internal/v1/orgs/org-b/calls/g-1");
    JsonNode claims = claims(reached.bearer());
    assertThat(claims.path("role").asString()).isEqualTo("service");
    assertThat(claims.path("aud").toString()).contains("earshot-ingest-internal");
    assertThat(claims.has("org")).isFalse();
    assertThat(fallbacks("fetched") - before).isEqualTo(1);
  }

  @Test
  void anotherOrgsCallIsNeverShownThroughTheFallback() throws Exception {
    HttpResponse<String> answer =
        ApiCalls.get(port, "/api/v1/calls/g-1", TestTokens.member(tokens::issue, "org-a"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
    assertThat(answer.body()).contains("Gong has none").doesNotContain("They asked for SSO");
    assertThat(ingest.requests)
        .extracting(FakeIngest.Request::path)
        .containsExactly("/internal/v1/orgs/org-a/calls/g-1");
  }

  @Test
  void aSlowOrFailingIngestIsA503WithTheReasonNever500() throws Exception {
    String member = TestTokens.member(tokens::issue, "org-b");
    double before = fallbacks("unavailable");

    ingest.mode = "slow";
    HttpResponse<String> slow = ApiCalls.get(port, "/api/v1/calls/g-1", member);
    ingest.mode = "held";
    HttpResponse<String> held = ApiCalls.get(port, "/api/v1/calls/g-1", member);

    assertThat(slow.statusCode()).as(slow.body()).isEqualTo(503);
    assertThat(slow.body()).contains("could not be reached");
    assertThat(held.statusCode()).as(held.body()).isEqualTo(503);
    assertThat(held.body()).contains("ingest-service answered 409").contains("paused");
    assertThat(fallbacks("unavailable") - before).isEqualTo(2);
  }

  @Test
  void aServiceTokenIsRefusedOnTheAssistantsApi() throws Exception {
    HttpResponse<String> answer =
        ApiCalls.get(
            port,
            "/api/v1/calls/g-1",
            tokens.issueForService(
                "some-service", "earshot-ingest-internal", java.time.Duration.ofMinutes(1)));

    assertThat(answer.statusCode()).isIn(401, 403);
    assertThat(ingest.requests).isEmpty();
  }

  private double fallbacks(String outcome) {
    var counter = meters.find("earshot.assistant.calls.fallback").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private static JsonNode claims(String jwt) {
    String payload = jwt.split("\\.")[1];
    return json.readTree(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  /** A local server speaking ingest-service's internal API: org-b holds call g-1 in Gong. */
  static final class FakeIngest {

    record Request(String path, String bearer) {}

    static final String CALL =
        """
        {"id":"g-1","title":"Acme SSO","started":"2026-11-20T10:00:00Z","durationSeconds":1800,
         "url":"https://app.gong.io/call?id=g-1","company":{"id":"a1","name":"Acme","domain":null},
         "brief":"They asked for SSO","outline":[],"highlights":[],"keyPoints":["SSO"],
         "pointsOfInterest":[],
         "speakers":[{"speakerId":"s1","name":"Sam Seller","affiliation":"internal"}],
         "participants":[{"name":"Sam Seller","emailAddress":"sam@seller.example",
                          "title":null,"affiliation":"internal"}]}""";

    final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile String mode = "normal";

    private FakeIngest(HttpServer server) {
      this.server = server;
    }

    static FakeIngest start() {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeIngest fake = new FakeIngest(server);
        server.createContext(
            "/",
            exchange -> {
              String auth = exchange.getRequestHeaders().getFirst("Authorization");
              String path = exchange.getRequestURI().getRawPath();
              fake.requests.add(
                  new Request(path, auth == null ? "" : auth.substring("Bearer ".length())));
              int status;
              String body;
              switch (fake.mode) {
                case "slow" -> {
                  try {
                    Thread.sleep(2_500);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  status = 200;
                  body = CALL;
                }
                case "held" -> {
                  status = 409;
                  body = "{\"status\":409,\"detail\":\"The connection is paused until later.\"}";
                }
                default -> {
                  boolean found = path.equals("/internal/v1/orgs/org-b/calls/g-1");
                  status = found ? 200 : 404;
                  body =
                      found
                          ? CALL
                          : "{\"status\":404,\"detail\":\"Gong has no call this org's connection"
                              + " may read, or the call is private.\"}";
                }
              }
              byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().add("Content-Type", "application/json");
              exchange.sendResponseHeaders(status, bytes.length);
              try (var out = exchange.getResponseBody()) {
                out.write(bytes);
              } catch (java.io.IOException closed) {
                // the client gave up (the slow mode)
              }
            });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return fake;
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }
  }
}

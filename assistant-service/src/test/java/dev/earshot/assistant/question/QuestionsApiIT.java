package dev.earshot.assistant.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.assistant.AssistantTestSupport;
import dev.earshot.assistant.board.Posts;
import dev.earshot.assistant.call.Calls;
import dev.earshot.events.Topics;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Questions about a customer end to end: calls and post events published to an in-JVM KRaft broker,
 * kept by the real service in PostgreSQL, ranked with the offline MiniLM model, answered through
 * the API with citations to the org's own calls.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "management.server.port=-1"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, Topics.POSTS, "gong.calls.v1.dlt", "feedback.posts.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuestionsApiIT {

  /** Stands in for a language model: writes what a test scripts, else leaves answers extractive. */
  static final class ScriptedWriter implements AnswerWriter {
    final AnswerWriter extractive;
    volatile java.util.function.Function<List<String>, java.util.Optional<List<Claim>>> script;
    final List<List<String>> given = new java.util.concurrent.CopyOnWriteArrayList<>();

    ScriptedWriter(AnswerWriter extractive) {
      this.extractive = extractive;
    }

    @Override
    public Answer.Model model() {
      return script == null
          ? extractive.model()
          : new Answer.Model("generative", "stub:scripted", null);
    }

    @Override
    public java.util.Optional<List<Claim>> write(
        String customer, String question, List<String> passages) {
      given.add(passages);
      return script.apply(passages);
    }
  }

  @org.springframework.boot.test.context.TestConfiguration
  static class Writers {
    @org.springframework.context.annotation.Bean
    @org.springframework.context.annotation.Primary
    ScriptedWriter scriptedWriter(dev.earshot.embeddings.EmbeddingModel embeddings) {
      return new ScriptedWriter(new ExtractiveOnly(embeddings.name()));
    }
  }

  @Autowired ScriptedWriter writer;

  @org.junit.jupiter.api.AfterEach
  void extractiveAgain() {
    writer.script = null;
    writer.given.clear();
  }

  @AutoClose static final EmbeddedDatabase postgres = AssistantTestSupport.postgres();
  static final JsonMapper json = JsonMapper.builder().build();
  static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final String ORG = "org-questions";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    AssistantTestSupport.register(registry, postgres);
  }

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired JdbcClient jdbc;

  @BeforeAll
  void calls() {
    // Acme: three calls, the oldest outside the 90-day window; Globex: one call
    send(Calls.call(ORG, "q-1", "Acme renewal", days(3)).build());
    send(
        Calls.call(ORG, "q-2", "Acme pricing review", days(20))
            .setContent(
                dev.earshot.events.GongContent.newBuilder()
                    .setBrief("Acme negotiated the price of the enterprise plan.")
                    .setKeyPoints(List.of("Discount for a two-year term"))
                    .setOutline(List.of())
                    .setHighlights(List.of())
                    .setTopics(List.of())
                    .setActionItems(List.of())
                    .build())
            .build());
    send(Calls.call(ORG, "q-old", "Acme first meeting", days(120)).build());
    send(
        Calls.call(ORG, "q-g", "Globex onboarding", days(5))
            .setCrm(null)
            .setParties(List.of())
            .build());
    send(Calls.call("org-elsewhere", "x-1", "Acme at another org", days(1)).build());
    kafka
        .send(
            Topics.POSTS,
            "post-sso",
            Posts.event(
                    ORG,
                    "post-sso",
                    "Okta single sign-on",
                    3,
                    "120000.00",
                    "q-1",
                    "Without Okta SSO we cannot roll this out to our staff.",
                    days(3))
                .build())
        .join();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from held_call where org_id = :org")
                            .param("org", ORG)
                            .query(Long.class)
                            .single()
                        == 4
                    && jdbc.sql("select count(*) from post_call").query(Long.class).single() == 1);
  }

  @Test
  void anAnswerQuotesTheCustomersRecentCallsMostRelevantFirstEachCitingItsCall() throws Exception {
    JsonNode answer =
        ask(
            member(ORG),
            "{\"customer\":\"acme\",\"question\":\"What did they say about single sign-on with"
                + " Okta?\"}");

    assertThat(callIds(answer.path("calls"))).containsExactly("q-1", "q-2");
    JsonNode citations = answer.path("citations");
    assertThat(citations).isNotEmpty().hasSizeLessThanOrEqualTo(AnsweringQuestions.PASSAGES);
    for (JsonNode citation : citations) {
      assertThat(citation.path("callId").asString()).isIn("q-1", "q-2");
      assertThat(answer.path("answer").asString()).contains("[" + citation.path("n").asInt() + "]");
    }
    String best = citations.get(0).path("text").asString().toLowerCase();
    assertThat(best).containsAnyOf("sso", "sign-on");
    assertThat(citations.get(0).path("callId").asString()).isEqualTo("q-1");
    assertThat(answer.path("model").path("kind").asString()).isEqualTo("extractive");
    assertThat(answer.toString()).contains("post-sso");
    assertThat(answer.path("noCalls").isNull()).isTrue();
  }

  @Test
  void aLanguageModelsClaimsAreTheAnswerCitingOnlyThePassagesTheyRestOn() throws Exception {
    writer.script =
        passages -> {
          int sso = 1 + indexOf(passages, "Okta SSO");
          return java.util.Optional.of(
              List.of(
                  new AnswerWriter.Claim("Acme cannot roll out without Okta SSO.", List.of(sso))));
        };

    JsonNode answer = ask(member(ORG), "{\"customer\":\"acme\",\"question\":\"What about SSO?\"}");

    assertThat(answer.path("model").path("kind").asString()).isEqualTo("generative");
    assertThat(writer.given.getFirst())
        .hasSizeLessThanOrEqualTo(AnsweringQuestions.PASSAGES_FOR_WRITER);
    assertThat(answer.path("citations")).hasSize(1);
    JsonNode cited = answer.path("citations").get(0);
    assertThat(cited.path("callId").asString()).isEqualTo("q-1");
    assertThat(cited.path("text").asString()).contains("Okta SSO");
    assertThat(answer.path("answer").asString())
        .contains("Acme cannot roll out without Okta SSO. [" + cited.path("n").asInt() + "]");
  }

  @Test
  void withoutAnAcceptableWrittenAnswerThePassagesStandAndTheNoteSaysWhy() throws Exception {
    writer.script = passages -> java.util.Optional.empty();

    JsonNode answer = ask(member(ORG), "{\"customer\":\"acme\",\"question\":\"What about SSO?\"}");

    assertThat(answer.path("model").path("kind").asString()).isEqualTo("extractive");
    assertThat(answer.path("model").path("note").asString()).contains("stub:scripted");
    assertThat(answer.path("citations")).isNotEmpty();
  }

  private static int indexOf(List<String> passages, String words) {
    for (int i = 0; i < passages.size(); i++) {
      if (passages.get(i).contains(words)) {
        return i;
      }
    }
    throw new AssertionError("no passage holds " + words + ": " + passages);
  }

  @Test
  void maxCallsTakesTheMostRecent() throws Exception {
    JsonNode answer =
        ask(member(ORG), "{\"customer\":\"ACME\",\"question\":\"pricing\",\"maxCalls\":1}");

    assertThat(callIds(answer.path("calls"))).containsExactly("q-1");
  }

  @Test
  void noCallsExplainsTheWindowTheMatchAndTheNearestNames() throws Exception {
    JsonNode answer = ask(member(ORG), "{\"customer\":\"Acmee\",\"question\":\"anything\"}");

    assertThat(answer.path("calls")).isEmpty();
    assertThat(answer.path("citations")).isEmpty();
    JsonNode none = answer.path("noCalls");
    assertThat(none.path("reason").asString()).contains("no call in the window");
    assertThat(none.path("matchedOn").asString()).contains("case-insensitively");
    assertThat(Instant.parse(none.path("from").asString()))
        .isBetween(TODAY.minus(Duration.ofDays(91)), TODAY.minus(Duration.ofDays(89)));
    assertThat(none.path("nearestNames").get(0).asString()).isEqualTo("Acme Corp");
  }

  @Test
  void anotherOrgFindsNoneOfTheseCallsAndBadQuestionsAre400() throws Exception {
    JsonNode elsewhere =
        ask(member("org-no-calls"), "{\"customer\":\"acme\",\"question\":\"sso?\"}");
    HttpResponse<String> blank =
        ApiCalls.post(
            port,
            "/api/v1/assistant/questions",
            member(ORG),
            "{\"customer\":\" \",\"question\":\"x\"}");
    HttpResponse<String> tooMany =
        ApiCalls.post(
            port,
            "/api/v1/assistant/questions",
            member(ORG),
            "{\"customer\":\"acme\",\"question\":\"x\",\"maxCalls\":50}");

    assertThat(elsewhere.path("calls")).isEmpty();
    assertThat(elsewhere.toString()).doesNotContain("q-1");
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(json.readTree(blank.body()).path("detail").asString()).contains("customer");
    assertThat(tooMany.statusCode()).isEqualTo(400);
  }

  private JsonNode ask(String token, String body) throws Exception {
    HttpResponse<String> answer = ApiCalls.post(port, "/api/v1/assistant/questions", token, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private static List<String> callIds(JsonNode calls) {
    List<String> ids = new ArrayList<>();
    calls.forEach(call -> ids.add(call.path("id").asString()));
    return ids;
  }

  private static Instant days(int ago) {
    return TODAY.minus(Duration.ofDays(ago));
  }

  private String member(String org) {
    return TestTokens.member(tokens::issue, org);
  }

  private void send(dev.earshot.events.Call call) {
    kafka.send(Topics.CALLS, call.getCallId(), call).join();
  }
}

package dev.earshot.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.provider.ProviderHttp;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hosted adapters against a local server answering in the providers' format: {@code {"object":
 * "list", "data": [{"object": "embedding", "embedding": [...], "index": i}], "model", "usage"}}.
 */
class HostedEmbeddingModelTest {

  private static final JsonMapper json = JsonMapper.builder().build();
  private HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorization = new CopyOnWriteArrayList<>();
  private final AtomicInteger throttleFirst = new AtomicInteger();

  /** An error answer the server gives instead of vectors, while any are queued. */
  private record Failure(int status, Map<String, String> headers, String body) {}

  private final Deque<Failure> failures = new ConcurrentLinkedDeque<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/embeddings",
        exchange -> {
          JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
          requests.add(body);
          authorization.add(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] reply;
          int status = 200;
          Failure failure = failures.poll();
          if (failure != null) {
            status = failure.status();
            failure.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            reply = failure.body().getBytes(StandardCharsets.UTF_8);
          } else if (throttleFirst.getAndDecrement() > 0) {
            status = 429;
            exchange.getResponseHeaders().add("Retry-After", "0");
            reply = "{\"detail\":\"rate limited\"}".getBytes(StandardCharsets.UTF_8);
          } else {
            List<Object> data = new ArrayList<>();
            // answered in reverse order: the adapter must use "index"
            for (int i = body.path("input").size() - 1; i >= 0; i--) {
              String text = body.path("input").get(i).asString();
              data.add(
                  Map.of(
                      "object",
                      "embedding",
                      "index",
                      i,
                      "embedding",
                      List.of(text.length(), 1.0, 0.0)));
            }
            reply =
                json.writeValueAsBytes(
                    Map.of(
                        "object",
                        "list",
                        "data",
                        data,
                        "model",
                        body.path("model").asString(),
                        "usage",
                        Map.of("total_tokens", 7)));
          }
          exchange.sendResponseHeaders(status, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HostedEmbeddingSettings settings(int batch) {
    return new HostedEmbeddingSettings(
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "key-1",
        "voyage-3-large",
        3,
        batch,
        Duration.ofSeconds(5),
        2);
  }

  @Test
  void voyageIsAskedForDocumentsInBatchesAndVectorsComeBackInInputOrder() {
    var model = new VoyageEmbeddingModel(settings(2), HttpClient.newHttpClient());

    List<float[]> vectors = model.embed(List.of("a", "bbb", "cc"));

    assertThat(requests).hasSize(2);
    assertThat(requests.getFirst().path("input_type").asString()).isEqualTo("document");
    assertThat(requests.getFirst().path("model").asString()).isEqualTo("voyage-3-large");
    assertThat(authorization).containsOnly("Bearer key-1");
    assertThat(Vectors.dot(vectors.get(0), Vectors.unit(new float[] {1, 1, 0})))
        .isCloseTo(1.0, within(1e-6));
    assertThat(vectors.get(1)[0]).isGreaterThan(vectors.get(0)[0]);
    assertThat(model.name()).isEqualTo("voyage-3-large");
  }

  @Test
  void openAiCompatibleAsksForFloatsAndA429IsRetried() {
    throttleFirst.set(1);
    var model = new OpenAiEmbeddingModel(settings(16), HttpClient.newHttpClient());

    List<float[]> vectors = model.embed(List.of("x", "yy"));

    assertThat(requests).hasSize(2);
    assertThat(requests.getLast().path("encoding_format").asString()).isEqualTo("float");
    assertThat(vectors).hasSize(2);
  }

  @Test
  void aVectorOfTheWrongDimensionIsRefused() {
    var wrong =
        new HostedEmbeddingSettings(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "",
            "m",
            1024,
            8,
            Duration.ofSeconds(5),
            0);

    assertThatThrownBy(
            () -> new OpenAiEmbeddingModel(wrong, HttpClient.newHttpClient()).embed(List.of("x")))
        .isInstanceOf(ProviderHttp.ModelUnavailable.class)
        .hasMessageContaining("expected 1024 dimensions");
  }

  private OpenAiEmbeddingModel model() {
    return new OpenAiEmbeddingModel(settings(16), HttpClient.newHttpClient());
  }

  private OpenAiEmbeddingModel keyed(String key) {
    return new OpenAiEmbeddingModel(
        new HostedEmbeddingSettings(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            key,
            "voyage-3-large",
            3,
            16,
            Duration.ofSeconds(5),
            2),
        HttpClient.newHttpClient());
  }

  @Test
  void aKeyEndingInALineBreakIsSentWithoutIt() {
    // a Kubernetes secret made with `echo sk-… | kubectl create secret …` ends in "\n"
    keyed("  key-1\n").embed(List.of("x"));

    assertThat(authorization).containsExactly("Bearer key-1");
  }

  @Test
  void aKeyTheHttpClientRefusesIsAnOutageOfConfigurationThatNeverShowsTheKey() {
    // the JDK's own IllegalArgumentException says: invalid header value: "Bearer sk-live-…"
    assertThatThrownBy(() -> keyed("sk-live-SECRET123\nsk-live-OTHER456").embed(List.of("x")))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> {
              assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.MISCONFIGURED);
              assertThat(e.getCause()).isNull();
            })
        .hasMessage(
            "the HTTP client refuses the value of header Authorization for 127.0.0.1: check the"
                + " key for a line break or other control character")
        .hasMessageNotContaining("SECRET123");
    assertThat(requests).isEmpty();
  }

  private void failWith(int times, int status, Map<String, String> headers, String body) {
    for (int i = 0; i < times; i++) {
      failures.add(new Failure(status, headers, body));
    }
  }

  @Test
  void aProviderFailingLongerThanTheRetriesIsUnavailableNotTheTextsFault() {
    failWith(3, 503, Map.of(), "{\"error\":{\"message\":\"overloaded\"}}");

    assertThatThrownBy(() -> model().embed(List.of("x")))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> {
              assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.PROVIDER_FAILED);
              assertThat(e.status()).isEqualTo(503);
            })
        .hasMessageContaining("HTTP 503 from 127.0.0.1");
    assertThat(requests).hasSize(3);
  }

  @Test
  void refusedCredentialsAreAnOutageOfConfigurationAndAreNotRetriedInTheCall() {
    failWith(1, 401, Map.of(), "{\"error\":{\"type\":\"authentication_error\"}}");

    assertThatThrownBy(() -> model().embed(List.of("x")))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.CREDENTIALS_REFUSED))
        .hasMessage("HTTP 401 from 127.0.0.1 (authentication_error): credentials refused");
    assertThat(requests).hasSize(1);
  }

  @Test
  void aRequestRefusedForWhatItHoldsSaysSoAndNeverRepeatsTheProvidersText() {
    // OpenAI-style 400 whose message echoes the input
    failWith(
        1,
        400,
        Map.of(),
        "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens;"
            + " your input: 'our secret roadmap'\",\"type\":\"invalid_request_error\","
            + "\"code\":\"context_length_exceeded\"}}");

    assertThatThrownBy(() -> model().embed(List.of("our secret roadmap")))
        .isInstanceOf(ProviderHttp.RequestRefused.class)
        .hasMessage(
            "HTTP 400 from 127.0.0.1 (invalid_request_error/context_length_exceeded):"
                + " request refused for what it holds")
        .hasMessageNotContaining("secret");
    assertThat(requests).hasSize(1);
  }

  /** One 400 a provider really answers (bodies as the providers document and send them). */
  record Answer400(String provider, String body) {
    @Override
    public String toString() {
      return provider;
    }
  }

  static List<Answer400> accountOrSettings400s() {
    return List.of(
        new Answer400(
            "anthropic spend limit",
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"You have reached your specified API usage limits. You will regain access on"
                + " 2027-01-01 at 00:00 UTC.\"},\"request_id\":\"req_011\"}"),
        new Answer400(
            "anthropic workspace spend limit",
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"You have reached your specified workspace API usage limits. You will regain"
                + " access on 2027-01-01 at 00:00 UTC.\"}}"),
        new Answer400(
            "anthropic credit balance",
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"Your credit balance is too low to access the Anthropic API. Please go to Plans"
                + " & Billing to upgrade or purchase credits.\"}}"),
        new Answer400(
            "openai unsupported_parameter",
            "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with"
                + " this model. Use 'max_completion_tokens' instead.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":"
                + "\"unsupported_parameter\"}}"),
        new Answer400(
            "openai unsupported_value",
            "{\"error\":{\"message\":\"Unsupported value: 'temperature' does not support 0 with"
                + " this model. Only the default (1) value is supported.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"temperature\",\"code\":"
                + "\"unsupported_value\"}}"),
        new Answer400(
            "openai model_not_found",
            "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have"
                + " access to it.\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"model_not_found\"}}"),
        new Answer400(
            "anthropic max_tokens above the model's cap",
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"max_tokens: 100000 > 64000, which is the maximum allowed number of output"
                + " tokens for claude-sonnet-4-5\"}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountOrSettings400s")
  void a400AboutTheAccountOrTheSettingsIsAnOutageNotTheTextsFault(Answer400 answer) {
    failWith(1, 400, Map.of(), answer.body());

    assertThatThrownBy(() -> model().embed(List.of("x")))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> {
              assertThat(e.outage())
                  .isEqualTo(
                      answer.provider().contains("limit") || answer.provider().contains("credit")
                          ? ProviderHttp.Outage.QUOTA_SPENT
                          : ProviderHttp.Outage.MISCONFIGURED);
              assertThat(e.status()).isEqualTo(400);
            })
        .hasMessageStartingWith("HTTP 400 from 127.0.0.1 (invalid_request_error")
        // the provider's own words stay out of the message
        .hasMessageNotContaining("regain")
        .hasMessageNotContaining("Billing")
        .hasMessageNotContaining("instead")
        .hasMessageNotContaining("gpt-9")
        .hasMessageNotContaining("claude-sonnet");
    assertThat(requests).hasSize(1);
  }

  @Test
  void aSpendLimitSaysWhatIsSpentAndAnUnsupportedParameterNamesIt() {
    failWith(1, 400, Map.of(), accountOrSettings400s().getFirst().body());
    assertThatThrownBy(() -> model().embed(List.of("x")))
        .hasMessage(
            "HTTP 400 from 127.0.0.1 (invalid_request_error): the account's spend limit is"
                + " reached or its credit is spent");

    failWith(1, 400, Map.of(), accountOrSettings400s().get(3).body());
    assertThatThrownBy(() -> model().embed(List.of("x")))
        .hasMessage(
            "HTTP 400 from 127.0.0.1 (invalid_request_error/unsupported_parameter): the model"
                + " refuses the request's settings (parameter max_tokens): check the model's name,"
                + " max-output-tokens and what the model accepts; an OpenAI reasoning model (o1,"
                + " o3, o4-mini, gpt-5…) takes max_completion_tokens and no temperature: set"
                + " reasoning: true in the model's settings");
  }

  static List<Answer400> recordRefusals() {
    return List.of(
        new Answer400(
            "anthropic prompt too long",
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"prompt is too long: 215033 tokens > 200000 maximum\"}}"),
        new Answer400(
            "azure content_filter",
            "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering"
                + " Azure OpenAI's content management policy.\",\"type\":null,\"param\":"
                + "\"prompt\",\"code\":\"content_filter\",\"status\":400}}"),
        new Answer400(
            "openai context_length_exceeded on messages",
            "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":"
                + "\"context_length_exceeded\"}}"),
        new Answer400("not JSON", "Bad Request"),
        new Answer400(
            "vllm, not recognised", "{\"object\":\"error\",\"message\":\"bad\",\"code\":400}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordRefusals")
  void a400AboutWhatTheRequestHoldsOrNotRecognisedIsRefusedForWhatItHolds(Answer400 answer) {
    failWith(1, 400, Map.of(), answer.body());

    assertThatThrownBy(() -> model().embed(List.of("x")))
        .isInstanceOf(ProviderHttp.RequestRefused.class)
        .hasMessageEndingWith(": request refused for what it holds");
  }

  @Test
  void a413OrA422IsRefusedForWhatItHoldsWhateverItSays() {
    String spent = accountOrSettings400s().getFirst().body();
    failWith(1, 413, Map.of(), spent);
    assertThatThrownBy(() -> model().embed(List.of("x")))
        .isInstanceOf(ProviderHttp.RequestRefused.class);
    failWith(1, 422, Map.of(), spent);
    assertThatThrownBy(() -> model().embed(List.of("x")))
        .isInstanceOf(ProviderHttp.RequestRefused.class);
  }

  @Test
  void aRetryAfterIsWaitedInFullNeverCutShortByJitter() {
    // Retry-After is the least time to wait (RFC 9110 10.2.3); jitter once cut it by up to a fifth
    var model = model();
    long shortest = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      failWith(
          1,
          429,
          Map.of("Retry-After", "0.5"),
          "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":"
              + "\"Number of request tokens has exceeded your per-minute rate limit\"}}");
      long began = System.nanoTime();
      model.embed(List.of("x"));
      shortest = Math.min(shortest, Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    assertThat(shortest)
        .as("shortest call that waited a Retry-After of 500 ms")
        .isGreaterThanOrEqualTo(500);
  }

  @Test
  void aRetryAfterGivenAsAnHttpDateIsWaitedUntilThen() {
    String inTwoSeconds =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2));
    failWith(1, 429, Map.of("Retry-After", inTwoSeconds), "{}");
    long began = System.nanoTime();

    List<float[]> vectors = model().embed(List.of("x"));

    assertThat(vectors).hasSize(1);
    assertThat(requests).hasSize(2);
    // the date has whole seconds: between 1 and 2 s from now
    assertThat(Duration.ofNanos(System.nanoTime() - began))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void a429WithoutRetryAfterBacksOffFromHalfASecond() {
    var model = model();
    model.embed(List.of("warm")); // the client's first connection is not part of the wait
    failWith(1, 429, Map.of(), "{\"error\":{\"type\":\"rate_limit_exceeded\"}}");
    long began = System.nanoTime();

    model.embed(List.of("x"));

    // 500 ms ± a fifth; a flat second (± a fifth) once
    assertThat(Duration.ofNanos(System.nanoTime() - began))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400))
        .isLessThan(Duration.ofMillis(790));
  }

  @Test
  void aRetryAfterTooLongToWaitInACallIsHandedToTheCallerAtOnce() {
    failWith(1, 429, Map.of("Retry-After", "3600"), "{}");
    String inAnHour =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusHours(1));
    failWith(1, 429, Map.of("Retry-After", inAnHour), "{}");

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> model().embed(List.of("x")))
          .isInstanceOfSatisfying(
              ProviderHttp.ModelUnavailable.class,
              e -> assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.THROTTLED));
    }
    assertThat(requests).hasSize(2);
  }

  @Test
  void theLongestCallCountsEveryAttemptAndEveryWait() {
    // 3 attempts of 5 s, 2 waits of at most 10 s (a Retry-After waited in the call)
    assertThat(model().longestCall()).isEqualTo(Duration.ofSeconds(35));
    var withConnect =
        new OpenAiEmbeddingModel(
            settings(16), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    assertThat(withConnect.longestCall()).isEqualTo(Duration.ofSeconds(41));
  }
}

package dev.earshot.gong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.gong.api.CallElement;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.auth.OAuthClient;
import dev.earshot.gong.limit.Bucket4jRateLimiter;
import dev.earshot.gong.limit.RateLimits;
import dev.earshot.gong.url.BaseUrlGuard;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gong answers the simulator never gave before issue 13, each standing for a kind reported by
 * people who integrate with Gong: 401/403 texts that do or do not name a scope, the daily quota's
 * hours-long Retry-After, odd values inside one element of a list, and token requests whose answer
 * may have been lost.
 */
class GongFailuresTest {

  private static final Path FIELD_CASES = Path.of("../../shared/field-cases");
  private static final String EXTENSIVE = "/v2/calls/extensive";
  private static final String TRANSCRIPT = "/v2/calls/transcript";

  private final GongStub gong = new GongStub();
  private final GongClient client = gong.client();

  @AfterEach
  void stop() {
    gong.close();
  }

  @Test
  void aForbiddenThatNamesNoScopeDoesNotClaimOne() {
    gong.answer("/v2/users", 403, "{\"requestId\":\"1b2c\",\"errors\":[\"Forbidden\"]}");

    assertThatThrownBy(client::allUsers)
        .isInstanceOfSatisfying(
            GongApiException.Forbidden.class,
            e -> {
              assertThat(e.missingScope()).isEmpty();
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.gongMessage()).isEqualTo("Forbidden");
              assertThat(e.getMessage())
                  .contains("without naming a scope")
                  .contains("regional API host")
                  .contains("trusted-IP")
                  .doesNotContain("lack of scope");
            });
  }

  @Test
  void aForbiddenThatNamesAScopeNamesIt() {
    gong.answer(
        EXTENSIVE,
        403,
        "{\"errors\":[\"You don't have permission to use 'api:calls:read:extensive' in your"
            + " company\"]}");

    assertThatThrownBy(
            () -> client.extensiveFor(List.of("1"), ContentSelector.everythingEarshotUses()))
        .isInstanceOfSatisfying(
            GongApiException.Forbidden.class,
            e -> assertThat(e.missingScope()).contains("api:calls:read:extensive"));
  }

  @Test
  void aScopeNamedWithA401IsStillAScopeProblemNotBadCredentials() {
    gong.answer(
        TRANSCRIPT,
        401,
        "{\"errors\":[\"You don't have permission to use 'api:calls:read:transcript'\"]}");

    assertThatThrownBy(() -> client.transcriptsFor(List.of("1")))
        .isInstanceOfSatisfying(
            GongApiException.Forbidden.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.missingScope()).contains("api:calls:read:transcript");
            });
  }

  @Test
  void aRevokedTokenIsUnauthorized() {
    gong.answer("/v2/users", 401, "{\"errors\":[\"Unauthorized: access token has been revoked\"]}");

    assertThatThrownBy(client::allUsers).isInstanceOf(GongApiException.Unauthorized.class);
  }

  /** Field case 10's three bodies: only the one naming a scope yields a missing scope. */
  @Test
  void fieldCase10Bodies() throws Exception {
    Path dir = FIELD_CASES.resolve("10-forbidden-is-not-always-scope");
    assumeTrue(Files.isDirectory(dir), "field case 10 is not available here");
    gong.answer("/v2/users", 403, Files.readString(dir.resolve("forbidden-generic.json")));
    gong.answer(EXTENSIVE, 403, Files.readString(dir.resolve("forbidden-named-scope.json")));
    gong.answer(TRANSCRIPT, 401, Files.readString(dir.resolve("unauthorized-revoked.json")));

    assertThatThrownBy(client::allUsers)
        .isInstanceOfSatisfying(
            GongApiException.Forbidden.class, e -> assertThat(e.missingScope()).isEmpty());
    assertThatThrownBy(
            () -> client.extensiveFor(List.of("1"), ContentSelector.everythingEarshotUses()))
        .isInstanceOfSatisfying(
            GongApiException.Forbidden.class,
            e -> assertThat(e.missingScope()).contains("api:calls:read:extensive"));
    assertThatThrownBy(() -> client.transcriptsFor(List.of("1")))
        .isInstanceOf(GongApiException.Unauthorized.class);
  }

  /**
   * The daily quota (field case 08): a Retry-After of hours is not waited for and not retried; the
   * caller gets it at once, with the hint, after exactly one request.
   */
  @Test
  void anHoursLongRetryAfterIsHandedBackAtOnceNotRetried() {
    gong.answer(
        "/v2/users",
        429,
        Map.of("Retry-After", "41400"),
        "{\"errors\":[\"API call limit exceeded for the company\"]}");

    assertThatThrownBy(client::allUsers)
        .isInstanceOfSatisfying(
            GongApiException.RateLimited.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(41_400)));
    assertThat(gong.requests("/v2/users")).isEqualTo(1);
  }

  @Test
  void aRetryAfterA429NeverComesBeforeGongsRetryAfter() {
    // given Gong answering 429 with Retry-After: 1, then 200, in turn, and the production jitter
    // (a quarter) on backoffs; the stub records when each request arrived
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    gong.answerInTurn(
        "/v2/users",
        new GongStub.Answer(429, Map.of("Retry-After", "1"), "{\"errors\":[\"rate\"]}"),
        new GongStub.Answer(200, Map.of(), "{\"records\":{},\"users\":[]}"));
    gong.onRequest(path -> arrivals.add(System.nanoTime()));
    GongClient client =
        GongClient.builder()
            .baseUrl(BaseUrlGuard.allowingLocal(Set.of(gong.baseUrl())).check(gong.baseUrl()))
            .credentials(new GongCredentials.AccessKey("key", "secret"))
            .rateLimiter(key -> Duration.ZERO)
            .retry(RetrySettings.defaults())
            .build();
    // when five requests are each limited once
    for (int i = 0; i < 5; i++) {
      client.users(null);
    }
    // then every retry waited the whole second Gong asked for (with Failsafe's jitter on it, each
    // had an even chance of coming up to 250 ms early)
    assertThat(arrivals).hasSize(10);
    for (int i = 0; i < 10; i += 2) {
      assertThat(Duration.ofNanos(arrivals.get(i + 1) - arrivals.get(i)))
          .as("wait after the 429 of request %d", i / 2)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void a429HoldsTheConnectionsOtherRequestsForItsRetryAfterToo() throws Exception {
    // given Gong limiting a users request (Retry-After: 1) while calls requests go through, and a
    // client with Gong's default limiter; the stub records when each path was asked
    Map<String, List<Long>> arrivals = new java.util.concurrent.ConcurrentHashMap<>();
    gong.answerInTurn(
        "/v2/users",
        new GongStub.Answer(429, Map.of("Retry-After", "1"), "{\"errors\":[\"rate\"]}"),
        new GongStub.Answer(200, Map.of(), "{\"records\":{},\"users\":[]}"));
    gong.answer(
        "/v2/calls",
        200,
        "{\"records\":{\"totalRecords\":0,\"currentPageSize\":0,\"currentPageNumber\":0},"
            + "\"calls\":[]}");
    java.util.concurrent.CountDownLatch limited = new java.util.concurrent.CountDownLatch(1);
    gong.onRequest(
        path -> {
          arrivals.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
          if (path.equals("/v2/users")) {
            limited.countDown();
          }
        });
    GongClient client =
        GongClient.builder()
            .baseUrl(BaseUrlGuard.allowingLocal(Set.of(gong.baseUrl())).check(gong.baseUrl()))
            .credentials(new GongCredentials.AccessKey("key", "secret"))
            .rateLimiter(Bucket4jRateLimiter.inMemory(RateLimits.gongDefaults()))
            .build();
    // when one thread's users request is limited and, meanwhile, another lists calls
    var users = java.util.concurrent.CompletableFuture.runAsync(() -> client.users(null));
    limited.await();
    Thread.sleep(200);
    client.calls(
        Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), null);
    users.join();
    // then the calls request, too, waited for the second Gong asked for
    long refusedAt = arrivals.get("/v2/users").getFirst();
    assertThat(Duration.ofNanos(arrivals.get("/v2/calls").getFirst() - refusedAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aBackoffDoublesUpToItsLongestAndMovesByItsJitterOnly() {
    RetrySettings retry =
        new RetrySettings(
            5,
            Duration.ofMillis(500),
            Duration.ofSeconds(3),
            0.25,
            Duration.ofMinutes(2),
            Duration.ofSeconds(30));
    assertThat(GongTransport.backoff(retry, 1, 0.5)).isEqualTo(Duration.ofMillis(500));
    assertThat(GongTransport.backoff(retry, 2, 0.5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(GongTransport.backoff(retry, 3, 0.5)).isEqualTo(Duration.ofMillis(2000));
    assertThat(GongTransport.backoff(retry, 4, 0.5)).isEqualTo(Duration.ofMillis(3000));
    assertThat(GongTransport.backoff(retry, 40, 0.5)).isEqualTo(Duration.ofMillis(3000));
    assertThat(GongTransport.backoff(retry, 2, 0.0)).isEqualTo(Duration.ofMillis(750));
    assertThat(GongTransport.backoff(retry, 2, 0.999999)).isEqualTo(Duration.ofMillis(1250));
  }

  @Test
  void anAbsurdRetryAfterIsCappedNotACrash() {
    gong.answer("/v2/users", 429, Map.of("Retry-After", "99999999999999999999"), "{}");

    assertThatThrownBy(client::allUsers)
        .isInstanceOfSatisfying(
            GongApiException.RateLimited.class,
            e -> assertThat(e.retryAfter()).isEqualTo(GongTransport.LONGEST_RETRY_AFTER));
  }

  /** Null elements in Gong's lists are dropped; the call stays readable. */
  @Test
  void nullElementsInsideACallAreDropped() {
    gong.answer(
        EXTENSIVE,
        200,
        """
        {"records":{"totalRecords":1,"currentPageSize":1,"currentPageNumber":0},
         "calls":[{"metaData":{"id":"1","isPrivate":false},
                   "parties":[null,{"id":"p","speakerId":null,"phoneNumber":"+15550100"}],
                   "context":[{"system":"Salesforce","objects":[null]}],
                   "content":{"keyPoints":[null],"highlights":[{"title":"t","items":[
                     {"text":"x","startTimes":[null,12.5]}]}],"outline":[{"items":[null]}]}}]}
        """);

    ExtensiveCall call =
        client.extensiveFor(List.of("1"), ContentSelector.everythingEarshotUses()).getFirst();

    assertThat(call.parties()).hasSize(1);
    assertThat(call.parties().getFirst().phoneNumber()).isEqualTo("+15550100");
    assertThat(call.context().getFirst().objects()).isEmpty();
    assertThat(call.content().keyPoints()).isEmpty();
    assertThat(call.content().highlights().getFirst().items().getFirst().startTimes())
        .containsExactly(12.5);
    assertThat(call.content().outline().getFirst().items()).isEmpty();
  }

  /** One element that cannot be read is reported alone; its page-mates are read as usual. */
  @Test
  void anUnreadableElementIsReportedAloneAndItsBatchMatesAreRead() {
    gong.answer(
        EXTENSIVE,
        200,
        """
        {"records":{"totalRecords":3,"currentPageSize":3,"currentPageNumber":0},
         "calls":[{"metaData":{"id":"1","isPrivate":false}},
                  {"metaData":{"id":"2","isPrivate":false,"duration":{"seconds":60}}},
                  {"metaData":{"id":"3","isPrivate":false}}]}
        """);
    gong.answer(
        TRANSCRIPT,
        200,
        """
        {"records":{"totalRecords":2,"currentPageSize":2,"currentPageNumber":0},
         "callTranscripts":[{"callId":"1","transcript":[{"speakerId":null,"sentences":[
                              {"start":0,"end":900,"text":"hello"}]}]},
                            {"callId":"3","transcript":"\\u0000garbled"}]}
        """);

    List<CallElement<ExtensiveCall>> calls =
        client.extensiveElementsFor(
            List.of("1", "2", "3"), ContentSelector.everythingEarshotUses());
    List<CallElement<CallTranscript>> transcripts = client.transcriptElementsFor(List.of("1", "3"));

    assertThat(calls).extracting(CallElement::callId).containsExactly("1", "2", "3");
    assertThat(calls).extracting(CallElement::readable).containsExactly(true, false, true);
    assertThat(calls.get(1).problem()).contains("duration").doesNotContain("seconds");
    assertThat(calls.get(1).json().path("metaData").path("id").asString()).isEqualTo("2");
    assertThat(transcripts).extracting(CallElement::readable).containsExactly(true, false);
    assertThat(transcripts.get(1).callId()).isEqualTo("3");
    assertThat(transcripts.get(1).problem()).contains("transcript").doesNotContain("garbled");
    assertThat(transcripts.getFirst().value().transcript().getFirst().speakerId()).isNull();
    assertThat(client.extensiveFor(List.of("1", "2", "3"), ContentSelector.everythingEarshotUses()))
        .extracting(c -> c.metaData().id())
        .containsExactly("1", "3");
  }

  /**
   * A refresh token is consumed by the refresh Gong answered: repeating a refresh whose answer was
   * lost presents a dead token. Token requests are therefore sent once, whatever comes back.
   */
  @Test
  void tokenRequestsAreNeverRetriedBlindly() {
    gong.answer("/oauth2/generate-customer-token", 503, "{\"error\":\"temporarily_unavailable\"}");
    GongOAuth oauth =
        new GongOAuth(
            new OAuthClient(
                "client",
                "secret",
                URI.create(gong.baseUrl() + "/oauth2/authorize"),
                URI.create(gong.baseUrl() + "/oauth2/generate-customer-token")));

    assertThatThrownBy(() -> oauth.refresh("rt-1"))
        .isInstanceOf(GongApiException.Unavailable.class);
    assertThatThrownBy(() -> oauth.exchangeCode("code", "http://localhost/cb"))
        .isInstanceOf(GongApiException.Unavailable.class);
    assertThat(gong.requests("/oauth2/generate-customer-token")).isEqualTo(2);
  }
}

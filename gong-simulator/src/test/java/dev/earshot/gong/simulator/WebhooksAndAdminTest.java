package dev.earshot.gong.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhooksAndAdminTest {

  record Received(String path, String authorization, String body) {}

  GongSimulator simulator;
  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresToServe = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    simulator =
        GongSimulator.start(
            SimulatorConfig.defaults()
                .withCorpus(40, 8)
                .withNow(Instant.parse("2026-11-25T12:00:00Z")));
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    receiver.createContext(
        "/",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          int status = failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    simulator.close();
    receiver.stop(0);
  }

  String receiverUrl(String path) {
    return "http://localhost:" + receiver.getAddress().getPort() + path;
  }

  @Test
  void aUrlKeyRulePostsGongsPayloadToTheUrlWithTheKey() {
    String callId = simulator.corpus().calls().getFirst().id();
    simulator.registerWebhook(receiverUrl("/webhooks/gong/c1/secret-key"), "url_key");

    List<Map<String, Object>> outcomes = simulator.fireWebhooks(List.of(callId));

    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o).containsEntry("status", 200));
    Received hit = received.getFirst();
    assertThat(hit.path()).isEqualTo("/webhooks/gong/c1/secret-key");
    assertThat(hit.authorization()).isNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = Exchange.JSON.readValue(hit.body(), Map.class);
    assertThat(payload).containsEntry("isTest", false);
    assertThat(payload.get("callData").toString()).contains(callId, "parties", "context");
  }

  @Test
  void aJwtRuleSignsUrlAndBodyWithAKeyTheReceiverCanVerify() throws Exception {
    String callId = simulator.corpus().calls().get(3).id();
    String url = receiverUrl("/webhooks/gong/c2");
    simulator.registerWebhook(url, "jwt");

    simulator.fireWebhooks(List.of(callId));

    Received hit = received.getFirst();
    SignedJWT jwt = SignedJWT.parse(hit.authorization());
    assertThat(jwt.verify(new RSASSAVerifier(publicKey(simulator.webhookPublicKeyPem())))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getStringClaim("webhook_url")).isEqualTo(url);
    assertThat(jwt.getJWTClaimsSet().getStringClaim("body_sha256"))
        .isEqualTo(Webhooks.sha256Hex(hit.body()));
    assertThat(jwt.getJWTClaimsSet().getExpirationTime())
        .isAfter(jwt.getJWTClaimsSet().getIssueTime());
  }

  @Test
  void aFailedDeliveryIsRetriedUntilTheReceiverTakesIt() {
    simulator.registerWebhook(receiverUrl("/hook"), "url_key");
    failuresToServe.set(2);

    List<Map<String, Object>> outcomes =
        simulator.fireWebhooks(List.of(simulator.corpus().calls().getFirst().id()));

    assertThat(outcomes.getFirst()).containsEntry("status", 200).containsEntry("attempts", 3);
    assertThat(received).hasSize(3);
    assertThat(simulator.counters().get("webhook.delivered")).isEqualTo(1);
  }

  @Test
  void lateTranscriptsBecomeReadyAsTimePassesAndFireTheirWebhooks() {
    simulator.registerWebhook(receiverUrl("/hook"), "url_key");
    long late =
        simulator.corpus().calls().stream()
            .filter(c -> !c.transcriptReady(simulator.now()))
            .count();

    List<String> analysed = simulator.advanceClock(java.time.Duration.ofHours(3));

    assertThat(analysed).hasSize((int) late);
    assertThat(received).hasSize((int) late);
    assertThat(simulator.corpus().calls()).allMatch(c -> c.transcriptReady(simulator.now()));
  }

  @Test
  void adminEndpointsServeGroundTruthCountersAndFaults() throws Exception {
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> truth =
        http.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/ground-truth")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> faults =
        http.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"error_rate\":0.25}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/clock/advance"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"minutes\":\"soon\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(truth.body().lines()).hasSize(40);
    assertThat(truth.body().lines().findFirst().orElseThrow()).contains("\"call_id\"", "\"items\"");
    assertThat(faults.body()).contains("\"error_rate\":0.25");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("requestId", "minutes must be");
  }

  @Test
  void unknownApiPathsAnswerInGongsErrorShape() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v2/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"requestId\"", "\"errors\"");
  }

  static RSAPublicKey publicKey(String pem) throws Exception {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}

package dev.earshot.gong.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignedWebhookTest {

  static GongSimulator gong;
  static HttpServer receiver;
  static final CompletableFuture<SignedWebhook.Request> received = new CompletableFuture<>();
  static String url;

  @BeforeAll
  static void deliverOneSignedWebhook() throws Exception {
    gong = GongSimulator.start(SimulatorConfig.defaults().withCorpus(3, 1));
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.complete(
              new SignedWebhook.Request(
                  exchange.getRequestHeaders().getFirst("Authorization"), url, body));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/gong/c1";
    gong.registerWebhook(url, "jwt");
    gong.fireWebhooks(java.util.List.of(gong.corpus().calls().getFirst().id()));
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
    gong.close();
  }

  private static RSAPublicKey gongKey() {
    return WebhookPublicKey.parse(gong.webhookPublicKeyPem());
  }

  private static SignedWebhook at(Instant now) {
    return new SignedWebhook(Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void acceptsAWebhookAsGongSignsIt() throws Exception {
    SignedWebhook.Request request = received.get();

    assertThat(new SignedWebhook(Clock.systemUTC()).verify(request, gongKey()).valid()).isTrue();
  }

  @Test
  void refusesAChangedBody() throws Exception {
    SignedWebhook.Request original = received.get();
    byte[] tampered =
        new String(original.body(), StandardCharsets.UTF_8)
            .replace("\"isTest\":false", "\"isTest\":true")
            .getBytes(StandardCharsets.UTF_8);

    var verdict =
        new SignedWebhook(Clock.systemUTC())
            .verify(new SignedWebhook.Request(original.authorization(), url, tampered), gongKey());

    assertThat(verdict.refusedBy()).contains("token-names-this-body");
  }

  @Test
  void refusesATokenReplayedToAnotherUrl() throws Exception {
    SignedWebhook.Request original = received.get();

    var verdict =
        new SignedWebhook(Clock.systemUTC())
            .verify(
                new SignedWebhook.Request(
                    original.authorization(), url.replace("/c1", "/c2"), original.body()),
                gongKey());

    assertThat(verdict.refusedBy()).contains("token-names-this-webhook-url");
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    var verdict = at(Instant.now().plus(Duration.ofHours(1))).verify(received.get(), gongKey());

    assertThat(verdict.refusedBy()).contains("token-has-not-expired");
  }

  @Test
  void refusesATokenSignedWithAnotherKey() throws Exception {
    RSAKey other = new RSAKeyGenerator(2048).generate();

    var verdict =
        new SignedWebhook(Clock.systemUTC()).verify(received.get(), other.toRSAPublicKey());

    assertThat(verdict.refusedBy()).contains("signature-is-rs256-under-the-rule-key");
  }

  @Test
  void refusesAnHmacTokenAndAnythingThatIsNotAJwt() throws Exception {
    SignedWebhook.Request original = received.get();
    SignedJWT hmac =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .claim("webhook_url", url)
                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .build());
    hmac.sign(new MACSigner(new byte[32]));
    SignedWebhook verifier = new SignedWebhook(Clock.systemUTC());

    assertThat(
            verifier
                .verify(
                    new SignedWebhook.Request(hmac.serialize(), url, original.body()), gongKey())
                .refusedBy())
        .contains("signature-is-rs256-under-the-rule-key");
    assertThat(
            verifier
                .verify(new SignedWebhook.Request("not-a-jwt", url, original.body()), gongKey())
                .refusedBy())
        .contains("token-is-a-signed-jwt");
    assertThat(
            verifier
                .verify(new SignedWebhook.Request(null, url, original.body()), gongKey())
                .valid())
        .isFalse();
  }

  @Test
  void aBearerPrefixAndCaseOfTheHostDoNotMatter() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).generate();
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.RS256),
            new JWTClaimsSet.Builder()
                .claim("webhook_url", "https://HOOKS.example.com/webhooks/gong/c1/")
                .claim("body_sha256", WebhookKeys.hash("{}"))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new RSASSASigner(key));

    var verdict =
        new SignedWebhook(Clock.systemUTC())
            .verify(
                new SignedWebhook.Request(
                    "Bearer " + jwt.serialize(),
                    "https://hooks.example.com/webhooks/gong/c1",
                    body),
                key.toRSAPublicKey());

    assertThat(verdict.valid()).isTrue();
  }
}

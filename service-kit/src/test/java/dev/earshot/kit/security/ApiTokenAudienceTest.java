package dev.earshot.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.earshot.kit.KitTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * API tokens are checked for audience: the local issuer's tokens carry it and its decoder wants it;
 * Boot's decoder wants {@code spring.security.oauth2.resourceserver.jwt.audiences}; a production
 * resource server without it does not start.
 */
class ApiTokenAudienceTest {

  /** The kit's test application with its security on and Kafka off. */
  static final String ONLY_KAFKA_EXCLUDED =
      "spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration";

  private static final HttpClient http = HttpClient.newHttpClient();

  /** The status of an authenticated call to a path that answers 404 once past security. */
  static int status(int port, String token) throws Exception {
    return status(port, "/missing", token);
  }

  /** The status of a call to {@code path} (one that answers 404 once past security). */
  static int status(int port, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  static String token(RSAKey key, String issuer, List<String> audience) throws Exception {
    return token(key, issuer, audience, "admin");
  }

  static String token(RSAKey key, String issuer, List<String> audience, String role)
      throws Exception {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject("someone")
            .claim("org", "org-1")
            .claim("role", role)
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    if (audience != null) {
      claims.audience(audience);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            claims.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Nested
  @SpringBootTest(
      classes = KitTestApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {ONLY_KAFKA_EXCLUDED, "earshot.security.local-issuer=true"})
  class LocalIssuer {

    static final Path keyFile = tempDir().resolve("issuer.json");

    @DynamicPropertySource
    static void keyFile(DynamicPropertyRegistry registry) {
      registry.add("earshot.security.local-issuer-key-file", keyFile::toString);
    }

    @LocalServerPort int port;
    @Autowired LocalTokenIssuer issuer;

    @Test
    void itsTokensCarryItsAudienceAndPass() throws Exception {
      String token = issuer.issue("org-1", "admin", "someone", Duration.ofMinutes(5));

      assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience())
          .containsExactly("earshot-api");
      assertThat(status(port, token)).isEqualTo(404);
    }

    @Test
    void itsServiceTokensCarryTheInternalAudienceAndNoOrg() throws Exception {
      String token =
          issuer.issueForService("assistant-service", "earshot-internal", Duration.ofMinutes(5));

      var claims = SignedJWT.parse(token).getJWTClaimsSet();
      assertThat(claims.getAudience()).containsExactly("earshot-internal");
      assertThat(claims.getStringClaim("role")).isEqualTo("service");
      assertThat(claims.getClaim("org")).isNull();
      assertThat(status(port, "/internal/v1/missing", token)).isEqualTo(404);
      assertThat(status(port, "/missing", token)).isEqualTo(403);
    }

    @Test
    void aParameterNameTheFirewallRejectsWhenAControllerReadsItIsA400ProblemNotA500()
        throws Exception {
      String token = issuer.issue("org-1", "admin", "someone", Duration.ofMinutes(5));
      try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
        socket
            .getOutputStream()
            .write(
                ("GET /parameters?%00=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "Authorization: Bearer "
                        + token
                        + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String answer =
            new String(
                socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("https://earshot.dev/problems/rejected-request");
      }
    }

    @Test
    void aTokenOfItsKeyForAnotherAudienceOrForNoneIs401() throws Exception {
      RSAKey key = RSAKey.parse(Files.readString(keyFile));

      assertThat(status(port, token(key, LocalTokenIssuer.ISSUER, List.of("billing-api"))))
          .isEqualTo(401);
      assertThat(status(port, token(key, LocalTokenIssuer.ISSUER, null))).isEqualTo(401);
      assertThat(status(port, token(key, LocalTokenIssuer.ISSUER, List.of("earshot-api"))))
          .isEqualTo(404);
      assertThat(status(port, null)).isEqualTo(401);
    }
  }

  @Nested
  @SpringBootTest(
      classes = KitTestApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
        ONLY_KAFKA_EXCLUDED,
        "earshot.security.local-issuer=false",
        "spring.security.oauth2.resourceserver.jwt.audiences=https://api.earshot.example,"
            + "earshot-internal"
      })
  class ProductionIdentityProvider {

    static final RSAKey key = generateKey();
    static final Path publicKey = tempDir().resolve("idp.pem");

    @DynamicPropertySource
    static void publicKey(DynamicPropertyRegistry registry) throws Exception {
      Files.writeString(
          publicKey,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      registry.add(
          "spring.security.oauth2.resourceserver.jwt.public-key-location",
          () -> publicKey.toUri().toString());
    }

    @LocalServerPort int port;

    @Test
    void onlyATokenForTheConfiguredAudiencePasses() throws Exception {
      assertThat(
              status(
                  port, token(key, "https://idp.example", List.of("https://api.earshot.example"))))
          .isEqualTo(404);
      assertThat(status(port, token(key, "https://idp.example", List.of("https://other.example"))))
          .isEqualTo(401);
      assertThat(status(port, token(key, "https://idp.example", null))).isEqualTo(401);
    }

    @Test
    void serviceTokensReachOnlyTheInternalApiAndUserTokensNeverDo() throws Exception {
      String service = token(key, "https://idp.example", List.of("earshot-internal"), "service");
      String serviceForTheApi =
          token(key, "https://idp.example", List.of("https://api.earshot.example"), "service");
      String admin = token(key, "https://idp.example", List.of("https://api.earshot.example"));

      assertThat(status(port, "/internal/v1/missing", service)).isEqualTo(404);
      assertThat(status(port, "/missing", service)).isEqualTo(403);
      assertThat(status(port, "/internal/v1/missing", serviceForTheApi)).isEqualTo(403);
      assertThat(status(port, "/internal/v1/missing", admin)).isEqualTo(403);
      assertThat(status(port, "/missing", admin)).isEqualTo(404);
      assertThat(status(port, "/internal/v1/missing", null)).isEqualTo(401);
    }
  }

  @Test
  void aProductionResourceServerWithoutAnAudienceDoesNotStart() {
    SpringApplication app = new SpringApplication(KitTestApplication.class);

    assertThatThrownBy(
            () ->
                app.run(
                    "--" + ONLY_KAFKA_EXCLUDED,
                    "--server.port=0",
                    "--spring.application.name=kit-no-audience",
                    "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.example"))
        .hasStackTraceContaining("spring.security.oauth2.resourceserver.jwt.audiences")
        .hasStackTraceContaining("issuer-uri");
  }

  @Test
  void theLocalIssuerNeedsNoAudienceSetting() {
    SpringApplication app = new SpringApplication(KitTestApplication.class);

    try (var context =
        app.run(
            "--" + ONLY_KAFKA_EXCLUDED,
            "--server.port=0",
            "--spring.application.name=kit-local-audience",
            "--earshot.security.local-issuer=true")) {
      assertThat(context.getBean(LocalTokenIssuer.class)).isNotNull();
    }
  }

  private static RSAKey generateKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("idp").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kit-audience");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

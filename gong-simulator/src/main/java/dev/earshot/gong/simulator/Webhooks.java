package dev.earshot.gong.simulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gong's automation-rule webhooks: when a call is analysed, its call data is POSTed as {@code
 * {"callData": ..., "isTest": false}} to each rule's URL. A rule authenticates either by a key the
 * receiver put in the URL, or by a signed JWT (RS256) in the {@code Authorization} header whose
 * claims bind it to the URL ({@code webhook_url}) and body ({@code body_sha256}). Failed deliveries
 * are retried with backoff.
 */
final class Webhooks {

  /** A registered rule. {@code auth} is {@code url_key} or {@code jwt}. */
  record Rule(String id, String url, String auth) {}

  private static final int MAX_ATTEMPTS = 5;

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private RSAKey signingKey;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Counters counters;

  Webhooks(Counters counters) {
    this.counters = counters;
  }

  /** Made on first use: most simulators never sign, and a 2048-bit key takes a while to make. */
  private synchronized RSAKey signingKey() {
    if (signingKey == null) {
      try {
        signingKey = new RSAKeyGenerator(2048).keyID("gong-simulator").generate();
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot create the webhook signing key", e);
      }
    }
    return signingKey;
  }

  Rule register(String url, String auth) {
    if (!"url_key".equals(auth) && !"jwt".equals(auth)) {
      throw new IllegalArgumentException("auth must be url_key or jwt");
    }
    URI.create(url);
    Rule rule = new Rule("rule-" + ids.incrementAndGet(), url, auth);
    rules.add(rule);
    return rule;
  }

  List<Rule> rules() {
    return List.copyOf(rules);
  }

  /** The public key receivers verify JWTs with, PEM (X.509 SubjectPublicKeyInfo). */
  String publicKeyPem() {
    try {
      byte[] der = signingKey().toRSAPublicKey().getEncoded();
      return "-----BEGIN PUBLIC KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END PUBLIC KEY-----\n";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Delivers one call's payload to every rule; returns per-rule outcomes. */
  List<Map<String, Object>> deliver(String body, Instant now) {
    List<Map<String, Object>> outcomes = new ArrayList<>();
    for (Rule rule : rules) {
      outcomes.add(deliver(rule, body, now));
    }
    return outcomes;
  }

  private Map<String, Object> deliver(Rule rule, String body, Instant now) {
    int status = 0;
    int attempt = 0;
    while (attempt < MAX_ATTEMPTS) {
      attempt++;
      counters.increment("webhook.attempts");
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(rule.url()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if ("jwt".equals(rule.auth())) {
          request.header("Authorization", sign(rule.url(), body, now));
        }
        status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          counters.increment("webhook.delivered");
          break;
        }
      } catch (IOException e) {
        status = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(Duration.ofMillis(100L << attempt));
    }
    if (status < 200 || status >= 300) {
      counters.increment("webhook.failed");
    }
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("rule", rule.id());
    outcome.put("status", status);
    outcome.put("attempts", attempt);
    return outcome;
  }

  /** A JWT as Gong signs webhook requests. */
  String sign(String url, String body, Instant now) {
    try {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .claim("webhook_url", url)
              .claim("body_sha256", sha256Hex(body))
              .issueTime(Date.from(now))
              .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
              .build();
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey().getKeyID()).build(),
              claims);
      jwt.sign(new RSASSASigner(signingKey()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign webhook", e);
    }
  }

  static String sha256Hex(String body) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.earshot.ingest.connection.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.ConnectionProblems;
import dev.earshot.ingest.connection.SecretsCodec;
import dev.earshot.ingest.crypto.CredentialCipher;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth {@code state}: a JWT (HS256) naming the org, the admin and a single-use id that expires in
 * ten minutes. The id's row holds the org's own OAuth app, if it pasted one, encrypted, and the
 * hash of the browser binding ({@link BrowserBinding}) the callback must present.
 */
@Repository
class OAuthStates {

  static final Duration LIFETIME = Duration.ofMinutes(10);

  /** A state that verified and was consumed. */
  record Consumed(
      UUID id,
      String orgId,
      String adminSubject,
      String redirectUri,
      OAuthApp app,
      Integer backfillDays) {}

  /** The OAuth app to use: the deployment's, or one the org pasted. */
  record OAuthApp(String clientId, String clientSecret) {
    @Override
    public String toString() {
      return "OAuthApp[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
  }

  private static final JsonMapper json = JsonMapper.builder().build();
  private final JdbcClient jdbc;
  private final CredentialCipher cipher;
  private final Clock clock;
  private final byte[] key;

  OAuthStates(JdbcClient jdbc, CredentialCipher cipher, Clock clock, IngestProperties properties) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
    String stateKey = properties.oauth().stateKey();
    if (stateKey == null || stateKey.length() < 32) {
      throw new IllegalStateException(
          "earshot.ingest.oauth.state-key must be at least 32 characters");
    }
    this.key = stateKey.getBytes(StandardCharsets.UTF_8);
  }

  /** A signed state and the browser binding its callback must present. */
  record Issued(String state, BrowserBinding browser) {}

  Issued issue(
      String orgId, String adminSubject, String redirectUri, OAuthApp app, Integer backfillDays) {
    UUID id = UUID.randomUUID();
    BrowserBinding browser = BrowserBinding.issue(id);
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into oauth_state (id, org_id, admin_subject, redirect_uri, client, expires_at,
              backfill_days, browser_hash)
            values (:id, :org, :admin, :redirect, :client, :expires, :backfill, :browser)
            """)
        .param("id", id)
        .param("org", orgId)
        .param("admin", adminSubject)
        .param("redirect", redirectUri)
        .param(
            "client", cipher.encrypt(json.writeValueAsBytes(app), SecretsCodec.associatedData(id)))
        .param("expires", Timestamp.from(now.plus(LIFETIME)))
        .param("backfill", backfillDays)
        .param("browser", browser.hash())
        .update();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader(JWSAlgorithm.HS256),
              new JWTClaimsSet.Builder()
                  .jwtID(id.toString())
                  .claim("org", orgId)
                  .subject(adminSubject)
                  .expirationTime(Date.from(now.plus(LIFETIME)))
                  .build());
      jwt.sign(new MACSigner(key));
      return new Issued(jwt.serialize(), browser);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign OAuth state", e);
    }
  }

  /**
   * Verifies signature and expiry, checks that the browser presents the state's verifier, and marks
   * the state used, in its own transaction so the state stays used even when the rest of the
   * callback fails.
   *
   * @param browserCookie the value of the state's cookie this browser sent ({@link
   *     BrowserBinding#cookieName}), given the state's id; null when absent
   * @return empty when the state is forged, expired or used
   * @throws dev.earshot.kit.web.ApiProblem {@code oauth-browser-mismatch} (403) when a valid,
   *     unused state comes from a browser that did not start it (the state stays unused)
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public Optional<Consumed> consume(
      String state, java.util.function.Function<String, String> browserCookie) {
    if (state == null || state.isBlank()) {
      return Optional.empty();
    }
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(state);
      if (!jwt.verify(new MACVerifier(key))) {
        return Optional.empty();
      }
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (claims.getExpirationTime() == null
        || claims.getExpirationTime().toInstant().isBefore(now)) {
      return Optional.empty();
    }
    UUID id;
    try {
      id = UUID.fromString(claims.getJWTID());
    } catch (IllegalArgumentException | NullPointerException notAnId) {
      return Optional.empty();
    }
    Optional<String> browserHash =
        jdbc.sql(
                "select browser_hash from oauth_state where id = :id and used_at is null"
                    + " and expires_at > :now")
            .param("id", id)
            .param("now", Timestamp.from(now))
            .query((rs, row) -> Optional.ofNullable(rs.getString("browser_hash")))
            .optional()
            .orElse(null);
    if (browserHash == null) {
      return Optional.empty();
    }
    if (!BrowserBinding.matches(
        browserHash.orElse(null), browserCookie.apply(BrowserBinding.cookieName(id)))) {
      throw ConnectionProblems.oauthBrowserMismatch();
    }
    int used =
        jdbc.sql(
                "update oauth_state set used_at = :now where id = :id and used_at is null and expires_at > :now")
            .param("now", Timestamp.from(now))
            .param("id", id)
            .update();
    if (used != 1) {
      return Optional.empty();
    }
    return jdbc.sql(
            "select org_id, admin_subject, redirect_uri, client, backfill_days from oauth_state where id = :id")
        .param("id", id)
        .query(
            (rs, row) ->
                new Consumed(
                    id,
                    rs.getString("org_id"),
                    rs.getString("admin_subject"),
                    rs.getString("redirect_uri"),
                    json.readValue(
                        cipher.decrypt(rs.getBytes("client"), SecretsCodec.associatedData(id)),
                        OAuthApp.class),
                    (Integer) rs.getObject("backfill_days")))
        .optional();
  }
}

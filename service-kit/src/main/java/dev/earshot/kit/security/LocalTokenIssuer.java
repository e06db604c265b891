package dev.earshot.kit.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The local profile's identity provider: an RSA key made at start, tokens signed with it for its
 * audience, and the decoder that trusts only them (signature, issuer {@value #ISSUER}, expiry, and
 * an {@code aud} naming the audience). The audience is {@code
 * spring.security.oauth2.resourceserver.jwt.audiences} when set, else {@value #AUDIENCE}; the
 * decoder also accepts service tokens for this service's internal API ({@code
 * earshot.security.internal-audience}), which {@link #issueForService} signs in place of an
 * identity provider's client-credentials grant. Production configures {@code
 * spring.security.oauth2.resourceserver} against a real issuer instead.
 */
@ConditionalOnProperty(name = "earshot.security.local-issuer", havingValue = "true")
public class LocalTokenIssuer {

  public static final String ISSUER = "earshot-local";

  /** The audience of local tokens when none is configured. */
  public static final String AUDIENCE = "earshot-api";

  private final RSAKey key;
  private final ApiAudiences audiences;
  private final ApiAudiences accepted;

  public LocalTokenIssuer(SecurityProperties properties, Environment environment) {
    this.key = key(properties.localIssuerKeyFile());
    ApiAudiences configured = ApiAudiences.of(environment);
    this.audiences = configured.isEmpty() ? new ApiAudiences(List.of(AUDIENCE)) : configured;
    List<String> both = new java.util.ArrayList<>(audiences.values());
    both.add(properties.internalAudience());
    this.accepted = new ApiAudiences(both);
  }

  /** The key in the file (made and written when absent), or a key of this process only. */
  private static RSAKey key(Path file) {
    try {
      if (file == null) {
        return generate();
      }
      synchronized (LocalTokenIssuer.class) {
        if (Files.exists(file)) {
          return RSAKey.parse(Files.readString(file));
        }
        RSAKey key = generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "issuer", ".json");
        Files.writeString(temporary, key.toJSONString());
        // Services booting side by side (./earshot local --processes) race for the file: the
        // first to link its complete key wins, and the others read that one instead of replacing
        // it (a replaced key would leave the first service trusting a key no token is signed with).
        try {
          Files.createLink(file, temporary);
          return key;
        } catch (FileAlreadyExistsException madeByAnother) {
          return RSAKey.parse(Files.readString(file));
        } catch (UnsupportedOperationException noLinks) {
          Files.move(temporary, file);
          return key;
        } finally {
          Files.deleteIfExists(temporary);
        }
      }
    } catch (IOException | java.text.ParseException e) {
      throw new IllegalStateException("cannot read or write the local issuer key " + file, e);
    }
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID("earshot-local").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot create the local signing key", e);
    }
  }

  /** A token for {@code subject} acting as {@code role} in {@code orgId}, for this audience. */
  public String issue(String orgId, String role, String subject, Duration ttl) {
    return sign(
        new JWTClaimsSet.Builder()
            .audience(audiences.values())
            .subject(subject)
            .claim("org", orgId)
            .claim("role", role),
        ttl);
  }

  /**
   * A service token, as an identity provider's client-credentials grant gives one: {@code role:
   * service}, no org (the internal API names the org in its path), for {@code audience} (the called
   * service's {@code earshot.security.internal-audience}).
   *
   * @param client the calling service, e.g. {@code assistant-service} (the token's subject)
   */
  public String issueForService(String client, String audience, Duration ttl) {
    return sign(
        new JWTClaimsSet.Builder()
            .audience(List.of(audience))
            .subject(client)
            .claim("role", EarshotSecurity.SERVICE_ROLE),
        ttl);
  }

  private String sign(JWTClaimsSet.Builder claims, Duration ttl) {
    Instant now = Instant.now();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims
                  .issuer(ISSUER)
                  .issueTime(Date.from(now))
                  .expirationTime(Date.from(now.plus(ttl)))
                  .build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a local token", e);
    }
  }

  @Bean
  JwtDecoder localJwtDecoder() throws JOSEException {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
    decoder.setJwtValidator(
        JwtValidators.createDefaultWithValidators(
            new JwtIssuerValidator(ISSUER), accepted.validator()));
    return decoder;
  }
}

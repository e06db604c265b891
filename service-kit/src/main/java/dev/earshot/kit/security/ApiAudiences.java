package dev.earshot.kit.security;

import java.util.Collections;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

/**
 * The audiences an API token must name in its {@code aud} claim: Spring Boot's own {@value
 * #PROPERTY}, which Boot's decoder (issuer URI, JWK set or public key) already enforces and the
 * local issuer's decoder enforces too. Without it, any token of the same identity provider with an
 * {@code org} and a {@code role} claim would be accepted (a token minted for another API, an ID
 * token), so a production resource server refuses to start without it.
 *
 * @param values accepted audiences; a token passes when its {@code aud} names at least one
 */
record ApiAudiences(List<String> values) {

  static final String PROPERTY = "spring.security.oauth2.resourceserver.jwt.audiences";

  /** The settings that point Boot's resource server at a production identity provider. */
  static final List<String> PRODUCTION_DECODER_PROPERTIES =
      List.of(
          "spring.security.oauth2.resourceserver.jwt.issuer-uri",
          "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
          "spring.security.oauth2.resourceserver.jwt.public-key-location");

  ApiAudiences {
    values =
        values.stream().map(String::strip).filter(value -> !value.isEmpty()).distinct().toList();
  }

  static ApiAudiences of(Environment environment) {
    return new ApiAudiences(
        Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of()));
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  /** Boot's own audience rule: the token's {@code aud} names one of {@link #values}. */
  JwtClaimValidator<List<String>> validator() {
    return new JwtClaimValidator<>(
        JwtClaimNames.AUD, aud -> aud != null && !Collections.disjoint(aud, values));
  }

  /**
   * @throws IllegalStateException when a production decoder is configured (not the local issuer)
   *     and no audience is
   */
  static void requireInProduction(Environment environment, SecurityProperties security) {
    if (security.localIssuer() || !of(environment).isEmpty()) {
      return;
    }
    List<String> configured =
        PRODUCTION_DECODER_PROPERTIES.stream()
            .filter(name -> !environment.getProperty(name, "").isBlank())
            .toList();
    if (!configured.isEmpty()) {
      throw new IllegalStateException(
          "API tokens would not be checked for audience: "
              + String.join(", ", configured)
              + " is set but "
              + PROPERTY
              + " is not. Set it to the audience your identity provider puts in Earshot's API"
              + " tokens (their aud claim), e.g. SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES"
              + "=https://api.earshot.example");
    }
  }
}

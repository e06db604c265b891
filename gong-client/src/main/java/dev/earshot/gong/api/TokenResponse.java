package dev.earshot.gong.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * The OAuth token endpoint's answer. Calls must go to {@code apiBaseUrlForCustomer}: tokens are
 * regional. Refresh tokens rotate: each refresh returns a new one and the old one stops working.
 */
public record TokenResponse(
    @JsonProperty("access_token") String accessToken,
    @JsonProperty("refresh_token") String refreshToken,
    @JsonProperty("token_type") String tokenType,
    @JsonProperty("expires_in") long expiresIn,
    @JsonProperty("scope") String scope,
    @JsonProperty("api_base_url_for_customer") String apiBaseUrlForCustomer) {

  public Set<String> scopes() {
    return scope == null || scope.isBlank() ? Set.of() : Set.of(scope.trim().split("\\s+"));
  }

  @Override
  public String toString() {
    return "TokenResponse[tokenType="
        + tokenType
        + ", expiresIn="
        + expiresIn
        + ", scope="
        + scope
        + ", apiBaseUrlForCustomer="
        + apiBaseUrlForCustomer
        + ", tokens=<redacted>]";
  }
}

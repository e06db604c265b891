package dev.earshot.gong.auth;

import java.net.URI;

/**
 * An OAuth app registered with Gong. Gong has no dynamic client registration: the id and secret
 * come from the deployment's configuration or are pasted by the org admin.
 *
 * @param clientId the app's client id
 * @param clientSecret the app's client secret
 * @param authorizeEndpoint where admins consent ({@code https://app.gong.io/oauth2/authorize})
 * @param tokenEndpoint code exchange and refresh ({@code
 *     https://app.gong.io/oauth2/generate-customer-token})
 */
public record OAuthClient(
    String clientId, String clientSecret, URI authorizeEndpoint, URI tokenEndpoint) {

  public static final URI GONG_AUTHORIZE = URI.create("https://app.gong.io/oauth2/authorize");
  public static final URI GONG_TOKEN =
      URI.create("https://app.gong.io/oauth2/generate-customer-token");

  public static OAuthClient gong(String clientId, String clientSecret) {
    return new OAuthClient(clientId, clientSecret, GONG_AUTHORIZE, GONG_TOKEN);
  }

  @Override
  public String toString() {
    return "OAuthClient[clientId="
        + clientId
        + ", clientSecret=<redacted>, authorize="
        + authorizeEndpoint
        + ", token="
        + tokenEndpoint
        + "]";
  }
}

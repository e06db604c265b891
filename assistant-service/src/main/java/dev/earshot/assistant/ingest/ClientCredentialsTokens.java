package dev.earshot.assistant.ingest;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Service tokens from the identity provider's client-credentials grant, through Spring Security's
 * OAuth2 client: the manager asks the token endpoint once and again only when the token is about to
 * expire.
 */
public final class ClientCredentialsTokens implements ServiceTokens {

  /** The client registration's id. */
  public static final String REGISTRATION = "earshot-ingest-internal";

  private final OAuth2AuthorizedClientManager clients;
  private final String clientId;

  /**
   * @param clients a manager with the {@link #REGISTRATION} client registration and the
   *     client-credentials provider
   * @param clientId this service's client id (the principal the token is kept for)
   */
  public ClientCredentialsTokens(OAuth2AuthorizedClientManager clients, String clientId) {
    this.clients = clients;
    this.clientId = clientId;
  }

  @Override
  public String token() {
    OAuth2AuthorizedClient client =
        clients.authorize(
            OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                .principal(clientId)
                .build());
    if (client == null) {
      throw new IllegalStateException("the identity provider gave no token");
    }
    return client.getAccessToken().getTokenValue();
  }
}

package dev.earshot.ingest.connection.oauth;

import dev.earshot.gong.api.TokenResponse;
import dev.earshot.gong.auth.GongScopes;
import dev.earshot.gong.auth.Masked;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.url.BaseUrlRefused;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.AuthMethod;
import dev.earshot.ingest.connection.ConnectionMade;
import dev.earshot.ingest.connection.ConnectionProblems;
import dev.earshot.ingest.connection.ConnectionRepository;
import dev.earshot.ingest.connection.ConnectionState;
import dev.earshot.ingest.connection.ConnectionStore;
import dev.earshot.ingest.connection.GongAccess;
import dev.earshot.ingest.connection.GongConnections;
import dev.earshot.ingest.connection.GongSecrets;
import dev.earshot.ingest.connection.Refusal;
import dev.earshot.ingest.connection.WebhookUrls;
import dev.earshot.ingest.connection.WorkspaceConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gong redirects back with a code (or an error). The state is verified (signature, expiry, the
 * browser that started it) and consumed, the code exchanged, the granted scopes checked against the
 * four Earshot needs, and the tokens stored encrypted with the customer's API base URL. A grant
 * missing a scope is stored with status {@code insufficient_scope} so the admin sees what to fix.
 */
@Service
public class CompletingOAuth {

  /** What happened, for the callback page or JSON. */
  public record Outcome(
      WorkspaceConnection connection, Set<String> missingScopes, String message) {}

  private final OAuthStates states;
  private final ConnectionRepository connections;
  private final ConnectionStore store;
  private final GongConnections gong;
  private final GongAccess access;
  private final IngestProperties properties;
  private final WebhookUrls webhookUrls;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  CompletingOAuth(
      OAuthStates states,
      ConnectionRepository connections,
      ConnectionStore store,
      GongConnections gong,
      GongAccess access,
      IngestProperties properties,
      WebhookUrls webhookUrls,
      ApplicationEventPublisher events,
      Clock clock) {
    this.states = states;
    this.connections = connections;
    this.store = store;
    this.gong = gong;
    this.access = access;
    this.properties = properties;
    this.webhookUrls = webhookUrls;
    this.events = events;
    this.clock = clock;
  }

  /**
   * @param browserCookie the value of a cookie this browser sent, by name (null when absent): the
   *     state's {@link BrowserBinding} must be among them
   * @throws dev.earshot.kit.web.ApiProblem {@code invalid-oauth-state} (400) for a forged, expired
   *     or used state; {@code oauth-browser-mismatch} (403) when another browser started it; the
   *     consent and exchange problems (400); {@code gong-api-host-unknown}, {@code
   *     gong-returned-invalid-api-host}, {@code gong-unavailable} (502) when Gong's answer leaves
   *     no usable API host or holds no access or refresh token; {@code
   *     workspace-linked-to-another-org} (409)
   */
  @Transactional
  public Outcome complete(
      String code, String state, String error, Function<String, String> browserCookie) {
    OAuthStates.Consumed consumed =
        states.consume(state, browserCookie).orElseThrow(ConnectionProblems::invalidState);
    if (error != null && !error.isBlank()) {
      throw switch (error) {
        case "unauthorized_client" -> ConnectionProblems.oauthClientNotActivated();
        case "redirect_uri_mismatch" -> ConnectionProblems.redirectUriMismatch();
        default -> ConnectionProblems.consentDenied(error);
      };
    }
    TokenResponse tokens = exchange(consumed, code);
    if (tokens.accessToken() == null || tokens.accessToken().isBlank()) {
      throw ConnectionProblems.gongUnavailable("Gong's token answer has no access_token");
    }
    if (tokens.refreshToken() == null || tokens.refreshToken().isBlank()) {
      // without one the connection would stop when the access token expires, and the refresher
      // could never renew it
      throw ConnectionProblems.gongUnavailable("Gong's token answer has no refresh_token");
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    GongSecrets.OAuth secrets =
        new GongSecrets.OAuth(
            tokens.accessToken(),
            tokens.refreshToken(),
            tokens.expiresIn() > 0
                ? now.plusSeconds(tokens.expiresIn())
                : now.plus(properties.tokenRefresh().assumedLifetime()),
            consumed.app().clientId(),
            consumed.app().clientSecret());
    String baseUrl = apiBaseUrl(id, tokens, secrets);
    Set<String> missing = GongScopes.missingFrom(tokens.scopes());
    ConnectionState status =
        missing.isEmpty() ? ConnectionState.CONNECTED : ConnectionState.INSUFFICIENT_SCOPE;
    String reason = missing.isEmpty() ? null : "missing scopes: " + String.join(", ", missing);
    connections
        .findLive(consumed.orgId())
        .ifPresent(
            old -> {
              connections.disconnect(old.connection().id(), now);
              store.changed(old.connection().id());
            });
    WorkspaceConnection connection =
        new WorkspaceConnection(
            id,
            consumed.orgId(),
            AuthMethod.OAUTH,
            baseUrl,
            status,
            reason,
            tokens.scopes(),
            Masked.lastFour(secrets.clientId()),
            Masked.lastFour(secrets.clientSecret()),
            secrets.expiresAt(),
            null,
            webhookUrls.issue(id).keyHash(),
            null,
            now,
            now,
            null,
            null);
    store.add(connection, secrets, null);
    if (missing.isEmpty()) {
      events.publishEvent(new ConnectionMade(id, consumed.orgId(), consumed.backfillDays()));
    }
    String message =
        missing.isEmpty()
            ? "Connected to Gong."
            : "Connected, but Gong granted too little: "
                + reason
                + ". Add the scopes to the Gong app and connect again.";
    return new Outcome(connection, missing, message);
  }

  /**
   * The customer's API host from Gong's token answer, normalised by the guard (scheme added,
   * trailing slash removed: field case 11). Without one, the configured fallback ({@code
   * https://api.gong.io}, US tenants only) is used once Gong lists users there with the new token;
   * anything else is a 502 problem, never a 500 (Gong has consumed the code by now).
   */
  private String apiBaseUrl(UUID id, TokenResponse tokens, GongSecrets.OAuth secrets) {
    String named = tokens.apiBaseUrlForCustomer();
    if (named != null && !named.isBlank()) {
      try {
        return gong.checked(named).toString();
      } catch (BaseUrlRefused refused) {
        throw ConnectionProblems.gongReturnedInvalidApiHost(refused.getMessage());
      }
    }
    String fallback = gong.checked(properties.oauth().fallbackApiBaseUrl()).toString();
    return switch (access.check(id, fallback, secrets, false)) {
      case GongAccess.Granted granted -> fallback;
      case GongAccess.Failed failed ->
          throw switch (Refusal.of(
                  failed.failure(), AuthMethod.OAUTH, GongConnections.INTERACTIVE.maxRetryAfter())
              .orElse(null)) {
            case Refusal.Held held ->
                ConnectionProblems.gongApiHostUnknown(fallback, failed.failure().getMessage());
            case Refusal.Paused paused ->
                ConnectionProblems.gongRateLimited(paused.until(clock.instant()));
            case null -> ConnectionProblems.gongUnavailable(failed.failure().getMessage());
          };
    };
  }

  private TokenResponse exchange(OAuthStates.Consumed consumed, String code) {
    if (code == null || code.isBlank()) {
      throw ConnectionProblems.consentDenied("no code");
    }
    try {
      return gong.oauth(consumed.app().clientId(), consumed.app().clientSecret())
          .exchangeCode(code, consumed.redirectUri());
    } catch (GongApiException.Rejected | GongApiException.Unauthorized rejected) {
      if (rejected.getMessage().contains("unauthorized_client")) {
        throw ConnectionProblems.oauthClientNotActivated();
      }
      throw ConnectionProblems.exchangeFailed(rejected.getMessage());
    } catch (GongApiException failure) {
      throw ConnectionProblems.gongUnavailable(failure.getMessage());
    }
  }
}

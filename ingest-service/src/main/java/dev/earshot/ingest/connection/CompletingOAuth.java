package dev.earshot.ingest.connection;

import dev.earshot.gong.api.TokenResponse;
import dev.earshot.gong.auth.GongScopes;
import dev.earshot.gong.auth.Masked;
import dev.earshot.gong.client.GongApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gong redirects back with a code (or an error). The state is verified and consumed, the code
 * exchanged, the granted scopes checked against the four Earshot needs, and the tokens stored
 * encrypted with the customer's API base URL. A grant missing a scope is stored with status {@code
 * insufficient_scope} so the admin sees what to fix.
 */
@Service
public class CompletingOAuth {

  /** What happened, for the callback page or JSON. */
  public record Outcome(Connection connection, Set<String> missingScopes, String message) {}

  private final OAuthStates states;
  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongConnections gong;
  private final WebhookUrls webhookUrls;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  CompletingOAuth(
      OAuthStates states,
      ConnectionRepository connections,
      SecretsCodec codec,
      GongConnections gong,
      WebhookUrls webhookUrls,
      ApplicationEventPublisher events,
      Clock clock) {
    this.states = states;
    this.connections = connections;
    this.codec = codec;
    this.gong = gong;
    this.webhookUrls = webhookUrls;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Outcome complete(String code, String state, String error) {
    OAuthStates.Consumed consumed =
        states.consume(state).orElseThrow(ConnectionProblems::invalidState);
    if (error != null && !error.isBlank()) {
      throw switch (error) {
        case "unauthorized_client" -> ConnectionProblems.oauthClientNotActivated();
        case "redirect_uri_mismatch" -> ConnectionProblems.redirectUriMismatch();
        default -> ConnectionProblems.consentDenied(error);
      };
    }
    TokenResponse tokens = exchange(consumed, code);
    String baseUrl = gong.checked(tokens.apiBaseUrlForCustomer()).toString();
    Set<String> missing = GongScopes.missingFrom(tokens.scopes());
    ConnectionStatus status =
        missing.isEmpty() ? ConnectionStatus.CONNECTED : ConnectionStatus.INSUFFICIENT_SCOPE;
    String reason = missing.isEmpty() ? null : "missing scopes: " + String.join(", ", missing);
    Instant now = clock.instant();
    connections
        .findLive(consumed.orgId())
        .ifPresent(
            old -> {
              connections.disconnect(old.connection().id(), now);
              events.publishEvent(new ConnectionChanged(old.connection().id()));
            });
    UUID id = UUID.randomUUID();
    GongSecrets.OAuth secrets =
        new GongSecrets.OAuth(
            tokens.accessToken(),
            tokens.refreshToken(),
            now.plusSeconds(tokens.expiresIn()),
            consumed.app().clientId(),
            consumed.app().clientSecret());
    Connection connection =
        new Connection(
            id,
            consumed.orgId(),
            AuthKind.OAUTH,
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
    try {
      connections.insert(connection, codec.seal(id, secrets), codec.primaryKeyId());
    } catch (DuplicateKeyException e) {
      throw ConnectionProblems.workspaceLinkedElsewhere();
    }
    events.publishEvent(new ConnectionChanged(id));
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

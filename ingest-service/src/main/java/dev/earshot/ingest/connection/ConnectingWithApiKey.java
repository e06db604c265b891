package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.Masked;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.url.BaseUrlRefused;
import dev.earshot.gong.url.GongBaseUrl;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin connects the org with an access key and secret. The base URL must pass the guard, Gong
 * must accept the credentials (they list users), and the workspace must not belong to another org.
 */
@Service
public class ConnectingWithApiKey {

  /**
   * What the admin submits.
   *
   * @param backfillDays backfill this many days (1-60) once connected; null for none
   */
  public record Request(String baseUrl, String accessKey, String secret, Integer backfillDays) {

    public Request(String baseUrl, String accessKey, String secret) {
      this(baseUrl, accessKey, secret, null);
    }

    @Override
    public String toString() {
      return "Request[baseUrl="
          + baseUrl
          + ", credentials=<redacted>, backfillDays="
          + backfillDays
          + "]";
    }
  }

  /** The new connection and, shown once, the URL Gong's webhook rule should call. */
  public record Result(WorkspaceConnection connection, String webhookUrl) {}

  private final ConnectionRepository connections;
  private final ConnectionStore store;
  private final GongConnections gong;
  private final GongAccess access;
  private final WebhookUrls webhookUrls;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ConnectingWithApiKey(
      ConnectionRepository connections,
      ConnectionStore store,
      GongConnections gong,
      GongAccess access,
      WebhookUrls webhookUrls,
      ApplicationEventPublisher events,
      Clock clock) {
    this.connections = connections;
    this.store = store;
    this.gong = gong;
    this.access = access;
    this.webhookUrls = webhookUrls;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Result connect(String orgId, Request request) {
    BackfillWindow.check(request.backfillDays());
    GongBaseUrl baseUrl = guarded(request.baseUrl());
    if (connections.findLive(orgId).isPresent()) {
      throw ConnectionProblems.alreadyConnected();
    }
    UUID id = UUID.randomUUID();
    GongSecrets.ApiKey secrets =
        new GongSecrets.ApiKey(request.accessKey().strip(), request.secret().strip());
    HealthCheck health = verify(id, baseUrl.toString(), AuthMethod.API_KEY, secrets, false);
    WebhookUrls.Issued hook = webhookUrls.issue(id);
    Instant now = clock.instant();
    WorkspaceConnection connection =
        new WorkspaceConnection(
            id,
            orgId,
            AuthMethod.API_KEY,
            baseUrl.toString(),
            ConnectionState.CONNECTED,
            null,
            Set.of(),
            Masked.lastFour(secrets.accessKey()),
            Masked.lastFour(secrets.secret()),
            null,
            health,
            hook.keyHash(),
            null,
            now,
            now,
            null,
            null);
    store.add(connection, secrets, health);
    events.publishEvent(new ConnectionMade(id, orgId, request.backfillDays()));
    return new Result(connection, hook.url());
  }

  GongBaseUrl guarded(String baseUrl) {
    try {
      return gong.checked(baseUrl);
    } catch (BaseUrlRefused refused) {
      throw ConnectionProblems.invalidBaseUrl(refused.getMessage());
    }
  }

  /**
   * Checks new credentials with Gong ({@link GongAccess}) before anything is stored.
   *
   * @param probeCallScopes also check the call endpoints (when a missing scope is being fixed)
   * @throws dev.earshot.kit.web.ApiProblem 422 when Gong refuses them (its message kept, with what
   *     to fix: the refusal mapping of {@link Refusal}), 503 when Gong's quota is spent, 502 when
   *     Gong fails or cannot be reached
   */
  HealthCheck verify(
      UUID id, String baseUrl, AuthMethod authKind, GongSecrets secrets, boolean probeCallScopes) {
    return switch (access.check(id, baseUrl, secrets, probeCallScopes)) {
      case GongAccess.Granted granted ->
          new HealthCheck(clock.instant(), true, granted.users(), null);
      case GongAccess.Failed failed -> {
        GongApiException failure = failed.failure();
        throw switch (Refusal.of(failure, authKind, GongConnections.INTERACTIVE.maxRetryAfter())
            .orElse(null)) {
          case Refusal.Held held -> ConnectionProblems.gongRefused(held);
          case Refusal.Paused paused ->
              ConnectionProblems.gongRateLimited(paused.until(clock.instant()));
          case null -> ConnectionProblems.gongUnavailable(failure.getMessage());
        };
      }
    };
  }
}

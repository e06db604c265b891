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
import org.springframework.dao.DuplicateKeyException;
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
  }

  /** The new connection and, shown once, the URL Gong's webhook rule should call. */
  public record Result(Connection connection, String webhookUrl) {}

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongConnections gong;
  private final WebhookUrls webhookUrls;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ConnectingWithApiKey(
      ConnectionRepository connections,
      SecretsCodec codec,
      GongConnections gong,
      WebhookUrls webhookUrls,
      ApplicationEventPublisher events,
      Clock clock) {
    this.connections = connections;
    this.codec = codec;
    this.gong = gong;
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
    HealthCheck health = verify(id, baseUrl.toString(), secrets);
    WebhookUrls.Issued hook = webhookUrls.issue(id);
    Instant now = clock.instant();
    Connection connection =
        new Connection(
            id,
            orgId,
            AuthKind.API_KEY,
            baseUrl.toString(),
            ConnectionStatus.CONNECTED,
            null,
            Set.of(),
            Masked.lastFour(secrets.accessKey()),
            Masked.lastFour(secrets.secret()),
            null,
            health,
            hook.keyHash(),
            null,
            now,
            now);
    try {
      connections.insert(connection, codec.seal(id, secrets), codec.primaryKeyId());
    } catch (DuplicateKeyException e) {
      throw ConnectionProblems.workspaceLinkedElsewhere();
    }
    connections.recordHealth(id, health);
    events.publishEvent(new ConnectionChanged(id));
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

  /** Lists users with the new credentials: proof they work before anything is stored. */
  HealthCheck verify(UUID id, String baseUrl, GongSecrets secrets) {
    try {
      int users = gong.client(id, baseUrl, secrets).allUsers().size();
      return new HealthCheck(clock.instant(), true, users, null);
    } catch (GongApiException.Unauthorized | GongApiException.Forbidden rejected) {
      throw ConnectionProblems.gongRejectedCredentials(rejected.getMessage());
    } catch (GongApiException failure) {
      throw ConnectionProblems.gongUnavailable(failure.getMessage());
    }
  }
}

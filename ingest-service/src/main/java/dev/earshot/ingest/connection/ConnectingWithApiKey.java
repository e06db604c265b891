package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.Masked;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.url.BaseUrlRefused;
import dev.earshot.gong.url.GongBaseUrl;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
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

  /** What the admin submits. */
  public record Request(String baseUrl, String accessKey, String secret) {}

  /** The new connection and, shown once, the URL Gong's webhook rule should call. */
  public record Result(Connection connection, String webhookUrl) {}

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongConnections gong;
  private final WebhookKeys webhookKeys;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ConnectingWithApiKey(
      ConnectionRepository connections,
      SecretsCodec codec,
      GongConnections gong,
      WebhookKeys webhookKeys,
      ApplicationEventPublisher events,
      Clock clock) {
    this.connections = connections;
    this.codec = codec;
    this.gong = gong;
    this.webhookKeys = webhookKeys;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Result connect(String orgId, Request request) {
    GongBaseUrl baseUrl = guarded(request.baseUrl());
    if (connections.findLive(orgId).isPresent()) {
      throw ConnectionProblems.alreadyConnected();
    }
    UUID id = UUID.randomUUID();
    GongSecrets.ApiKey secrets =
        new GongSecrets.ApiKey(request.accessKey().strip(), request.secret().strip());
    HealthCheck health = verify(id, baseUrl.toString(), secrets);
    WebhookKeys.Issued hook = webhookKeys.issue(id);
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
            hook.hash(),
            now,
            now);
    try {
      connections.insert(connection, codec.seal(id, secrets), codec.primaryKeyId());
    } catch (DuplicateKeyException e) {
      throw ConnectionProblems.workspaceLinkedElsewhere();
    }
    connections.recordHealth(id, health);
    events.publishEvent(new ConnectionChanged(id));
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

  /** Random key for webhook URLs; only its hash is stored and published. */
  @org.springframework.stereotype.Component
  static class WebhookKeys {
    private final SecureRandom random = new SecureRandom();
    private final dev.earshot.ingest.IngestProperties properties;

    WebhookKeys(dev.earshot.ingest.IngestProperties properties) {
      this.properties = properties;
    }

    record Issued(String url, String hash) {}

    Issued issue(UUID connectionId) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      return new Issued(
          properties.publicBaseUrl() + "/webhooks/gong/" + connectionId + "?key=" + key,
          sha256(key));
    }

    static String sha256(String key) {
      try {
        return java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}

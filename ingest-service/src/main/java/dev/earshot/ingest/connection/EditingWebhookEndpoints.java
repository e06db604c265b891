package dev.earshot.ingest.connection;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook side of a connection, for the webhook capability: issuing and using a new URL key
 * with the key Gong signs JWTs with, and the status a failed subscription leaves. Every change goes
 * to gong.connections.v1 through the outbox, so webhook-gateway follows it.
 */
@Service
public class EditingWebhookEndpoints {

  /**
   * A connection's new webhook URL, shown once, and the hash of its key that webhook-gateway checks
   * once the URL is {@link #use used}.
   */
  public record Endpoint(
      UUID connectionId, String orgId, String gongBaseUrl, String url, String keyHash) {}

  private final ConnectionRepository connections;
  private final WebhookUrls urls;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  EditingWebhookEndpoints(
      ConnectionRepository connections,
      WebhookUrls urls,
      ApplicationEventPublisher events,
      Clock clock) {
    this.connections = connections;
    this.urls = urls;
    this.events = events;
    this.clock = clock;
  }

  /** The org's usable connection, or a 404/409 problem. */
  public WorkspaceConnection usableOf(String orgId) {
    WorkspaceConnection c =
        connections.findLive(orgId).orElseThrow(ConnectionProblems::noConnection).connection();
    if (!c.status().usable()) {
      throw ConnectionProblems.notUsable(c.status());
    }
    return c;
  }

  /** The org's live connection whatever its status, or a 404 problem. */
  public WorkspaceConnection liveOf(String orgId) {
    return connections.findLive(orgId).orElseThrow(ConnectionProblems::noConnection).connection();
  }

  /**
   * A new URL for the connection, nothing stored: the URL it has keeps working until this one is
   * {@link #use used} (after Gong's rule for it was made, so a failed registration loses nothing).
   */
  public Endpoint issue(UUID connectionId) {
    WorkspaceConnection c =
        connections.find(connectionId).orElseThrow(ConnectionProblems::noConnection).connection();
    WebhookUrls.Issued issued = urls.issue(connectionId);
    return new Endpoint(connectionId, c.orgId(), c.baseUrl(), issued.url(), issued.keyHash());
  }

  /**
   * Makes an {@link #issue issued} URL the connection's (the previous URL stops working once
   * webhook-gateway reads the change) and sets Gong's JWT public key, or clears it for URL-key
   * rules.
   */
  @Transactional
  public void use(Endpoint endpoint, String publicKeyPem) {
    connections.find(endpoint.connectionId()).orElseThrow(ConnectionProblems::noConnection);
    connections.updateWebhookAuth(
        endpoint.connectionId(), endpoint.keyHash(), publicKeyPem, clock.instant());
    events.publishEvent(new ConnectionChanged(endpoint.connectionId()));
  }

  /** Issues a new URL and uses it at once, with Gong's JWT public key or none. */
  @Transactional
  public Endpoint rotate(UUID connectionId, String publicKeyPem) {
    Endpoint endpoint = issue(connectionId);
    use(endpoint, publicKeyPem);
    return endpoint;
  }

  /**
   * Records whether the webhook subscription works: a failure sets {@code
   * webhook_subscription_failed} with the reason (polling goes on); a success clears it.
   */
  @Transactional
  public void subscriptionOutcome(UUID connectionId, boolean ok, String reason) {
    WorkspaceConnection c =
        connections.find(connectionId).orElseThrow(ConnectionProblems::noConnection).connection();
    Instant now = clock.instant();
    if (!ok && c.status() == ConnectionState.CONNECTED) {
      connections.updateStatus(
          connectionId, ConnectionState.WEBHOOK_SUBSCRIPTION_FAILED, reason, now);
      events.publishEvent(new ConnectionChanged(connectionId));
    } else if (ok && c.status() == ConnectionState.WEBHOOK_SUBSCRIPTION_FAILED) {
      connections.updateStatus(connectionId, ConnectionState.CONNECTED, null, now);
      events.publishEvent(new ConnectionChanged(connectionId));
    }
  }
}

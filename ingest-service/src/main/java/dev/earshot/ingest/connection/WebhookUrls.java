package dev.earshot.ingest.connection;

import dev.earshot.gong.webhook.WebhookKeys;
import dev.earshot.ingest.IngestProperties;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The URL a Gong automation rule calls for a connection: webhook-gateway's public URL, the
 * connection id and a fresh secret key. Only the key's hash is stored; the URL is shown once.
 */
@Component
public class WebhookUrls {

  /** A URL with its key, and the hash that is stored and published. */
  public record Issued(String url, String keyHash) {}

  private final IngestProperties properties;

  WebhookUrls(IngestProperties properties) {
    this.properties = properties;
  }

  public Issued issue(UUID connectionId) {
    String key = WebhookKeys.newKey();
    return new Issued(
        properties.publicBaseUrl() + "/webhooks/gong/" + connectionId + "?key=" + key,
        WebhookKeys.hash(key));
  }
}

package dev.earshot.ingest.webhook;

import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Webhook sightings that reached the ledger: the evidence a subscription works. */
@Service
public class RecordingWebhookDeliveries {

  private final WebhookSubscriptions subscriptions;

  RecordingWebhookDeliveries(WebhookSubscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  public void delivered(UUID connectionId, long count, Instant latest) {
    subscriptions.delivered(connectionId, count, latest);
  }
}

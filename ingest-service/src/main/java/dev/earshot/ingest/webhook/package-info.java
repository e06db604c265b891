/**
 * Webhook subscriptions of a connection: registering Gong's automation rule (by hand or through a
 * registrar), signed-JWT keys, and subscription health from the deliveries that arrive.
 */
package dev.earshot.ingest.webhook;

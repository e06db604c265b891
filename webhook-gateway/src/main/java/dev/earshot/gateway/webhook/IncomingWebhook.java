package dev.earshot.gateway.webhook;

/**
 * A webhook request as the controller read it.
 *
 * @param connectionId the id in the URL path
 * @param key the {@code key} query parameter, or null
 * @param authorization the {@code Authorization} header (Gong's signed JWT), or null
 * @param url the URL Gong called (public base URL, path and query), which a JWT must name
 * @param body the raw body, within the size limit
 */
record IncomingWebhook(
    String connectionId, String key, String authorization, String url, byte[] body) {}

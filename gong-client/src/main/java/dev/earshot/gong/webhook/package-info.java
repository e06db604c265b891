/**
 * Gong's automation-rule webhooks as a receiver sees them: URL keys, signed JWTs (RS256 with {@code
 * webhook_url} and {@code body_sha256} claims) and the {@code callData} payload, parsed with
 * limits.
 */
package dev.earshot.gong.webhook;

package dev.earshot.gong.simulator;

/**
 * A Gong API access key and its secret (Basic auth), as Gong shows them once when an admin creates
 * a key.
 *
 * @param key the access key
 * @param secret its secret
 */
public record AccessKey(String key, String secret) {}

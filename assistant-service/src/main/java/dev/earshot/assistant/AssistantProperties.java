package dev.earshot.assistant;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * assistant-service's settings ({@code earshot.assistant.*}).
 *
 * @param dedupUrl dedup-service's base URL, for merge suggestions (their review state lives there)
 * @param dedupTimeout how long a request to dedup-service may take
 */
@ConfigurationProperties("earshot.assistant")
public record AssistantProperties(
    @DefaultValue("http://localhost:8084") URI dedupUrl,
    @DefaultValue("10s") Duration dedupTimeout) {}

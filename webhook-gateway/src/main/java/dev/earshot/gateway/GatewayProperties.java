package dev.earshot.gateway;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * webhook-gateway configuration ({@code earshot.gateway.*}).
 *
 * @param publicBaseUrl the URL Gong calls this service at (as in the webhook URLs ingest-service
 *     issues); signed JWTs must name it
 * @param maxBody largest webhook body accepted (Gong's call data with CRM context is a few KB to a
 *     few hundred KB)
 * @param maxJsonDepth deepest JSON nesting accepted
 * @param publishTimeout longest wait for Kafka to acknowledge an event before answering 503
 * @param feedPollInterval how long one poll of gong.connections.v1 may block
 */
@Validated
@ConfigurationProperties("earshot.gateway")
public record GatewayProperties(
    @NotBlank @DefaultValue("http://localhost:8081") String publicBaseUrl,
    @DefaultValue("1MB") DataSize maxBody,
    @DefaultValue("32") @Min(4) @Max(256) int maxJsonDepth,
    @DefaultValue("5s") Duration publishTimeout,
    @DefaultValue("500ms") Duration feedPollInterval) {}

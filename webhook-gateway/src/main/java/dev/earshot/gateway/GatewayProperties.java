package dev.earshot.gateway;

import jakarta.validation.Valid;
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
 * @param feed how the connection table follows gong.connections.v1
 */
@Validated
@ConfigurationProperties("earshot.gateway")
public record GatewayProperties(
    @NotBlank @DefaultValue("http://localhost:8081") String publicBaseUrl,
    @DefaultValue("1MB") DataSize maxBody,
    @DefaultValue("32") @Min(4) @Max(256) int maxJsonDepth,
    @DefaultValue("5s") Duration publishTimeout,
    @Valid @DefaultValue Feed feed) {

  /**
   * The connection feed ({@code earshot.gateway.feed.*}): how it reads gong.connections.v1 and when
   * readiness and liveness give up on it.
   *
   * @param pollInterval how long one poll of the topic may block
   * @param checkInterval how often the feed's position is compared with the topic's end offsets
   *     (one ListOffsets request per check)
   * @param requestTimeout longest wait for one metadata, offsets or position request; a broker that
   *     does not answer within it counts as a failed attempt
   * @param readyWithin readiness is DOWN once the table was last confirmed to hold everything on
   *     the topic longer ago than this (and until it first caught up after start)
   * @param deadAfter liveness is DOWN once the feed has not been confirmed current for this long
   *     (counted from start until it first caught up); the restart re-reads the topic
   * @param retryInitial first wait before finding the topic again, or after a consumer error;
   *     doubles per consecutive failure
   * @param retryMax longest such wait
   */
  public record Feed(
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("2s") Duration checkInterval,
      @DefaultValue("5s") Duration requestTimeout,
      @DefaultValue("30s") Duration readyWithin,
      @DefaultValue("15m") Duration deadAfter,
      @DefaultValue("1s") Duration retryInitial,
      @DefaultValue("30s") Duration retryMax) {}
}

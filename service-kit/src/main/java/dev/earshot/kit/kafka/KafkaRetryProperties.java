package dev.earshot.kit.kafka;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a consumer retries a failing record before it goes to the dead-letter topic.
 *
 * @param maxRetries retries after the first attempt (default 3, so 4 attempts in all)
 * @param initialInterval wait before the first retry (default 500 ms)
 * @param multiplier growth of the wait per retry (default 2.0)
 * @param maxInterval longest wait between retries (default 10 s)
 */
@Validated
@ConfigurationProperties("earshot.kafka.retry")
public record KafkaRetryProperties(
    @DefaultValue("3") @Min(0) int maxRetries,
    @DefaultValue("500ms") Duration initialInterval,
    @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
    @DefaultValue("10s") Duration maxInterval) {}

package dev.earshot.kit.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code earshot.kafka.dead-letters.*}: how the service watches its dead-letter topics.
 *
 * @param backlogInterval time between two reads of the offsets of the service's dead-letter topics
 *     for the gauge {@code earshot.kafka.dead.letters.pending} (records not yet replayed, per
 *     topic)
 * @param backlogEnabled whether that gauge is kept at all
 */
@ConfigurationProperties("earshot.kafka.dead-letters")
public record DeadLetterProperties(
    @DefaultValue("60s") Duration backlogInterval, @DefaultValue("true") boolean backlogEnabled) {}

package dev.earshot.extraction.volume;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code earshot.extraction.volume.*}.
 *
 * @param gaugeInterval how often the current UTC day's gauges ({@code earshot.calls.today.*}) are
 *     read from the database
 */
@ConfigurationProperties("earshot.extraction.volume")
public record VolumeProperties(@DefaultValue("30s") Duration gaugeInterval) {}

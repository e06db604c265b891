package dev.earshot.extraction.directory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code earshot.extraction.directory.*}: how the call listeners wait for the company directory.
 *
 * @param loadWait how long a call waits for this replica to finish reading crm.companies.v1 at
 *     start before its listener gives up the attempt (retried as an outage, never dead-lettered)
 */
@ConfigurationProperties("earshot.extraction.directory")
public record DirectoryProperties(@DefaultValue("60s") Duration loadWait) {}

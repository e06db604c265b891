/**
 * What every Earshot service shares, as one Spring Boot auto-configuration: problem details, Kafka
 * retries and dead letters, JSON logs, metric tags, health groups and tracing defaults.
 */
package dev.earshot.kit;

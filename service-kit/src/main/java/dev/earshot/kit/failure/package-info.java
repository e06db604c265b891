/**
 * Plain-Java failure markers a service's domain may use without knowing Kafka, Spring, JDBC or
 * HTTP; the kit's Kafka failure classification ({@code kit.kafka.FailurePolicy}) reads them at the
 * edge.
 */
package dev.earshot.kit.failure;

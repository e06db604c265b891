/**
 * Kafka serdes of Earshot events: Avro single-object encoding (the default, no registry), resolving
 * old writer schemas from the released set, and the Confluent-compatible registry wire format
 * ({@link dev.earshot.events.serde.RegistryWireFormat}) through Apicurio's serde.
 */
package dev.earshot.events.serde;

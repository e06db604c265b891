/**
 * The company directory and the mapping of a call to one of its companies: plain Java (no Spring,
 * Kafka, JDBC or HTTP). The directory's Kafka edge and API are in {@code extraction.directory}.
 */
package dev.earshot.extraction.company;

/** Benchmarks that print the figures the issues ask for; run with {@code ./earshot bench NAME}. */
package dev.earshot.bench;

/** {@code ./earshot similarity}: the service's model and threshold on pairs of texts in a file. */
package dev.earshot.dedup.cli;

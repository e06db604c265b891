/** {@code ./earshot detect} and {@code ./earshot extract}: the service's model on files. */
package dev.earshot.extraction.cli;

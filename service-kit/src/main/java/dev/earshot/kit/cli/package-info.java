/**
 * What the services' file commands share (their arguments and the service's own settings), and
 * {@code earshot dlt replay}.
 */
package dev.earshot.kit.cli;

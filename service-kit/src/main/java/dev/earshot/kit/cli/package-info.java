/**
 * What the services' file commands share besides their arguments ({@code
 * dev.earshot.cli.CommandArgs} in the command-line module): the service's own settings, and {@code
 * earshot dlt replay}.
 */
package dev.earshot.kit.cli;

/**
 * The one command-line parser of Earshot's tools ({@code ./earshot local}, {@code simulator},
 * {@code bench}) and of the services' file commands ({@code detect}, {@code extract}, {@code
 * similarity}, {@code capture}, {@code dlt replay}): {@link dev.earshot.cli.CommandLine} walks and
 * converts arguments, {@link dev.earshot.cli.CommandArgs} is a file command's options and settings
 * read with it. Its own module, plain JDK, so the simulator and service-kit both depend on it
 * without depending on each other.
 */
package dev.earshot.cli;

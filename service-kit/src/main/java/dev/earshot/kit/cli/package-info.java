/** What the services' file commands share: their arguments and the service's own settings. */
package dev.earshot.kit.cli;

/**
 * Connecting through Gong's OAuth consent: the browser-bound single-use state, the code exchange,
 * and refreshing the tokens it yields. Builds on the connection package; nothing there depends on
 * this one.
 */
package dev.earshot.ingest.connection.oauth;

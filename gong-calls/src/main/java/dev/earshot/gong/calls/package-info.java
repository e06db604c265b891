/**
 * The one translation of Gong's call shapes into the {@code Call} event, shared by ingest-service
 * (what it fetched) and the command line (Gong files on disk).
 */
package dev.earshot.gong.calls;

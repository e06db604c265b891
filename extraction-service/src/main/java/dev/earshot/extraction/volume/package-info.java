/**
 * Call volume: every call on gong.calls.v1 counted once per org and call id (with its company, when
 * it maps to one), served as a series of calls and call minutes per UTC day or ISO week ({@code GET
 * /api/v1/calls/volume}) and as gauges of the current UTC day per org.
 */
package dev.earshot.extraction.volume;

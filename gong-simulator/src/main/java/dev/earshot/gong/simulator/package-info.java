/**
 * A faithful fake of Gong's API v2 for tests, benchmarks and the local stack: Basic and OAuth auth
 * with scopes, users, calls, extensive calls and transcripts in Gong's shapes, Gong's limits,
 * webhooks, injected faults and request counters.
 */
package dev.earshot.gong.simulator;

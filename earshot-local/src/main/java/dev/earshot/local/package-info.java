/**
 * The embedded default: one JVM runs a KRaft broker, PostgreSQL and every Earshot component, so the
 * whole system runs with no accounts and no Docker ({@code ./earshot local}).
 */
package dev.earshot.local;

/**
 * The simulator's seeded synthetic corpus: companies, people, calls, transcripts and their ground
 * truth.
 */
package dev.earshot.gong.simulator.corpus;

/** Evaluation of extraction and deduplication against labelled data: the simulator's and shared. */
package dev.earshot.bench.eval;

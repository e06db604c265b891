/**
 * Detecting product feedback in sentences, offline: named cue patterns, hashed words, sentence
 * embeddings and logistic regressions trained at start on the project's own labelled exemplars.
 */
package dev.earshot.extraction.detect;

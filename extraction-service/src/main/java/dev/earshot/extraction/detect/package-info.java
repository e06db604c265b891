/**
 * Detecting product feedback in sentences, offline: cues, hashed words, embeddings, regressions on
 * the project's exemplars, then a conversation stage whose weights were learned from real calls.
 */
package dev.earshot.extraction.detect;

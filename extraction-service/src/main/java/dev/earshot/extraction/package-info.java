/**
 * extraction-service: turns each call on gong.calls.v1 into feedback items on feedback.items.v1 —
 * normalise, detect, extract, organise — with an offline model by default and LLMs by adapter.
 */
package dev.earshot.extraction;

/**
 * Language-model drafters of follow-ups: one request per call with the call's numbered sentences, a
 * JSON-schema answer validated before use, every action item citing sentence ids it was given (an
 * answer citing any other is refused and asked once more), tokens metered.
 */
package dev.earshot.extraction.followup.llm;

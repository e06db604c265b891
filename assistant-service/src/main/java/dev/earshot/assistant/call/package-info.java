/**
 * The calls read model: every call on {@code gong.calls.v1} kept as {@link
 * dev.earshot.assistant.call.HeldCall} (Gong's summary, parties, each speaker's talk time; never
 * the transcript's words), searched by date and words and read one by one through {@code
 * /api/v1/calls}, always within the caller's org.
 */
package dev.earshot.assistant.call;

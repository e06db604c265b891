/**
 * The FeedbackModel port — detect, extract and organise one call in one go — with the offline
 * default and adapters for OpenAI-compatible endpoints and Anthropic.
 */
package dev.earshot.extraction.model;

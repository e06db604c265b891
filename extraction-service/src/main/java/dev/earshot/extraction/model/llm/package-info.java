/**
 * Language-model adapters: one request per call with the customer's likely-feedback sentences and a
 * little context, a JSON-schema answer validated before use, retries and token accounting.
 */
package dev.earshot.extraction.model.llm;

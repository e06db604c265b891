/**
 * How Earshot talks to hosted model providers, whatever the model does: {@link
 * dev.earshot.provider.ProviderHttp} (timeouts, retries after 5xx/429/timeouts, outage classes, key
 * headers), {@link dev.earshot.provider.LanguageModelChat} (one JSON-Schema-bound question to an
 * OpenAI-compatible or Anthropic endpoint) with {@link dev.earshot.provider.LlmSettings} and the
 * services' {@link dev.earshot.provider.LlmEndpoint} properties, and {@link
 * dev.earshot.provider.PollBudget} (how many records a consumer calling a model may take per poll).
 * Used by the hosted embedding adapters of {@code dev.earshot.embeddings}, extraction's feedback
 * models and follow-up drafter, dedup's match judge and assistant's answer writer.
 */
package dev.earshot.provider;

/**
 * Conversation records for customer-success platforms: each call on gong.calls.v1 mapped to a
 * company of the org's directory becomes a {@code Conversation} on crm.conversations.v1 (keyed by
 * call id, published again when Gong's summary arrives later); what became of each call, mapped or
 * not and why, is kept and served by {@code GET /api/v1/conversations/{callId}}.
 */
package dev.earshot.extraction.conversation;

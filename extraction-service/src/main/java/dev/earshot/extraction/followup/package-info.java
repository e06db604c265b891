/**
 * Follow-up drafts: for each call with external participants, an email to them (greeting, recap,
 * agreed next steps) and the action items agreed on the call, each citing the sentences it comes
 * from. Plain Java: the model port ({@link dev.earshot.extraction.followup.FollowUpModel}), the
 * offline extractive drafter and the use case; the Kafka edge is in {@code followup.pipeline}.
 */
package dev.earshot.extraction.followup;

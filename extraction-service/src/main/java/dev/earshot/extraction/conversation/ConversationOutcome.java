package dev.earshot.extraction.conversation;

import java.time.Instant;

/**
 * What became of one call as a conversation record.
 *
 * @param orgId the call's org
 * @param callId the Gong call id
 * @param mapped whether it mapped to a company
 * @param reason why not ({@code UnmappedReason#apiName}), when unmapped
 * @param matchedBy how it mapped ({@code crm_id}, {@code email_domain}), when mapped
 * @param evidence the CRM account id or email domain that matched, when mapped
 * @param companyId the company, when mapped
 * @param companyName its name, when mapped
 * @param publishedHash SHA-256 of the last record published for it, or null
 * @param hasSummary whether that record held Gong's brief
 * @param sourcePartition partition of the gong.calls.v1 record that last published, or -1
 * @param sourceOffset its offset, or -1
 * @param publications how many times a record was published for the call (a publication whose Kafka
 *     transaction rolled back counts too)
 * @param firstSeenAt when the call was first seen
 * @param updatedAt when this outcome was last written
 */
record ConversationOutcome(
    String orgId,
    String callId,
    boolean mapped,
    String reason,
    String matchedBy,
    String evidence,
    String companyId,
    String companyName,
    String publishedHash,
    boolean hasSummary,
    int sourcePartition,
    long sourceOffset,
    int publications,
    Instant firstSeenAt,
    Instant updatedAt) {}

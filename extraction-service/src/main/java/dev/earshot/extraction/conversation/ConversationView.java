package dev.earshot.extraction.conversation;

import java.time.Instant;

/**
 * A call's conversation outcome as the API shows it.
 *
 * @param callId the Gong call id
 * @param status {@code mapped} or {@code unmapped}
 * @param reason why unmapped ({@code no_match}, {@code only_free_mail}, …), else null
 * @param explanation the reason in a sentence, else null
 * @param companyId the company when mapped
 * @param companyName its name
 * @param matchedBy {@code crm_id} or {@code email_domain} when mapped
 * @param evidence the CRM account id or email domain that matched
 * @param publications records published for the call on crm.conversations.v1
 * @param hasSummary whether the last record published held Gong's brief
 * @param firstSeenAt when the call was first seen
 * @param updatedAt when its outcome last changed
 */
record ConversationView(
    String callId,
    String status,
    String reason,
    String explanation,
    String companyId,
    String companyName,
    String matchedBy,
    String evidence,
    int publications,
    boolean hasSummary,
    Instant firstSeenAt,
    Instant updatedAt) {}

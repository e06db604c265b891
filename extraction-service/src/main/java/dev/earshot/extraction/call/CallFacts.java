package dev.earshot.extraction.call;

import java.math.BigDecimal;
import java.time.Instant;

/** What extraction carries from the call into every item it finds. */
public record CallFacts(
    String callId,
    String orgId,
    String connectionId,
    String url,
    String title,
    Instant startedAt,
    String accountId,
    String accountName,
    String accountDomain,
    BigDecimal dealAmount,
    String dealCurrency) {}

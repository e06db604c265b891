package dev.earshot.gong.simulator.corpus;

import java.util.List;

/**
 * A customer with its CRM account and one open opportunity.
 *
 * @param name company name
 * @param domain web and email domain
 * @param accountId CRM account id (Salesforce-style)
 * @param opportunityId CRM opportunity id
 * @param opportunityName opportunity name
 * @param dealAmount opportunity amount, whole dollars
 * @param dealStage opportunity stage
 * @param contacts people at the company who join calls
 */
public record Company(
    String name,
    String domain,
    String accountId,
    String opportunityId,
    String opportunityName,
    long dealAmount,
    String dealStage,
    List<Person> contacts) {}

package dev.earshot.extraction.call;

/**
 * A participant, joined from the call's parties by speaker id.
 *
 * @param partyId Gong party id, or null for a voice no party claims
 * @param company the customer's company (the CRM account, else the email domain), for customers
 */
public record Speaker(
    String speakerId,
    String partyId,
    String name,
    String email,
    String title,
    Role role,
    String company) {

  public boolean isCustomer() {
    return role == Role.CUSTOMER;
  }
}

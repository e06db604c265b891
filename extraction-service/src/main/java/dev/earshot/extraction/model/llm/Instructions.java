package dev.earshot.extraction.model.llm;

/** The system prompt shared by every language-model adapter; its version is the items' version. */
final class Instructions {

  static final String VERSION = "prompt-2";

  static final String SYSTEM =
      """
      You read excerpts of a recorded sales or customer-success call and find the product feedback \
      the customer voiced: feature requests, missing capabilities, limitations, bugs and usability \
      complaints about the product. Pricing, discounts, contracts, scheduling, small talk, \
      descriptions of the customer's business and anything said by our side ("us") are not \
      feedback; use the "us" lines only to understand the customer.
      Return one item per distinct request or problem: if the customer says the same thing twice, \
      it is one item quoting both sentences. quote_ids must be ids of the numbered customer \
      sentences that voice the item. Titles are short noun or verb phrases of 2 to 8 words naming \
      the request ("Bulk edit shipments", "Okta single sign-on", "Offline mode in the mobile app"): \
      never a sentence or a cut-off sentence, no final full stop, not starting with a filler or \
      conjunction ("so", "and", "because") and not ending with a function word ("the", "to", \
      "of"); a title that breaks these rules is replaced by one written from the quotes. Priority reflects urgency and business impact \
      said on the call (a blocker to signing or rolling out is urgent). Choose board, category and \
      feature_area from the lists given. If there is no product feedback, return no items.""";

  private Instructions() {}
}

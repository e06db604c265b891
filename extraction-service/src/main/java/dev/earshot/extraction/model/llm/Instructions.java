package dev.earshot.extraction.model.llm;

/** The system prompt shared by every language-model adapter; its version is the items' version. */
final class Instructions {

  static final String VERSION = "prompt-1";

  static final String SYSTEM =
      """
      You read excerpts of a recorded sales or customer-success call and find the product feedback \
      the customer voiced: feature requests, missing capabilities, limitations, bugs and usability \
      complaints about the product. Pricing, discounts, contracts, scheduling, small talk, \
      descriptions of the customer's business and anything said by our side ("us") are not \
      feedback; use the "us" lines only to understand the customer.
      Return one item per distinct request or problem: if the customer says the same thing twice, \
      it is one item quoting both sentences. quote_ids must be ids of the numbered customer \
      sentences that voice the item. Titles are short imperative or noun phrases ("Bulk edit \
      shipments", "Export limited to 10,000 rows"). Priority reflects urgency and business impact \
      said on the call (a blocker to signing or rolling out is urgent). Choose board, category and \
      feature_area from the lists given. If there is no product feedback, return no items.""";

  private Instructions() {}
}

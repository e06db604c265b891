package dev.earshot.gong.simulator.corpus;

import java.util.List;

/**
 * What else is said on calls: none of it is product feedback. Pricing, discounts, contracts,
 * scheduling and rapport from customers; context about their business; the rep's own pitch.
 */
final class Talk {

  private Talk() {}

  static final List<String> CUSTOMER_RAPPORT =
      List.of(
          "Good morning, thanks for making the time.",
          "Doing well, thanks, busy week with the holidays coming up.",
          "Ha, yes, the weather has been brutal here too.",
          "Great to see you again, how was the conference?",
          "Thanks, I appreciate you walking us through this.",
          "That makes sense, thanks for explaining.",
          "Sounds good to me.",
          "Perfect, that's helpful.");

  static final List<String> CUSTOMER_CONTEXT =
      List.of(
          "We have about forty coordinators across three hubs right now.",
          "Most of our volume goes through the Chicago and Dallas sites.",
          "We moved about twelve thousand loads last quarter.",
          "Our peak season starts in October and runs through January.",
          "The ops team reports to me and finance reports to our CFO.",
          "We've been using the platform for about a year and a half.",
          "Usage grew quite a bit once the Dallas team came on board.",
          "We're opening a new distribution center in Atlanta next spring.",
          "Right now the coordinators mostly work from the desktop app.",
          "Our carriers are a mix of national players and small regional ones.",
          "The team has really taken to the tracking page.",
          "We mostly look at on-time rates and cost per load.",
          "Last month was our biggest month ever in terms of volume.",
          "I'll be the main point of contact on our side for this.");

  static final List<String> CUSTOMER_PRICING =
      List.of(
          "What would pricing look like if we added the Atlanta site?",
          "Is there any flexibility on the per-seat price for a multi-year deal?",
          "We'd need a discount to get this through procurement this quarter.",
          "Can you send over the renewal quote so I can share it with finance?",
          "Our budget for next year is pretty much locked, so price matters a lot.",
          "What are the payment terms, can we do net sixty?",
          "Legal will want to review the contract language before we sign.",
          "How does the enterprise tier compare in cost to what we pay now?");

  static final List<String> CUSTOMER_SCHEDULING =
      List.of(
          "Can we find time next Tuesday to go over this with my team?",
          "I'm out the week after Thanksgiving, so early December works better.",
          "Let's put thirty minutes on the calendar for Thursday afternoon.",
          "Send me an invite and I'll loop in our IT lead.",
          "I have a hard stop at the top of the hour.",
          "Let's reconnect once procurement has looked at it.");

  static final List<String> REP_LINES =
      List.of(
          "Thanks for joining, let's start with a quick look at the last quarter.",
          "I wanted to walk you through what's new since we last spoke.",
          "How has adoption been across the different teams?",
          "Our latest release includes a redesigned tracking page.",
          "A lot of customers your size use the carrier portal to cut down on emails.",
          "We can set up a training session for the new coordinators.",
          "Let me share my screen and show you the new overview.",
          "What are the top priorities for your team next year?",
          "That's really helpful context, thank you.",
          "I'll take that back to our product team.",
          "Got it, I'll make a note of that.",
          "On the renewal, we can hold this year's price if you sign before December.",
          "I can check with my manager on the discount.",
          "I'll send over the proposal by end of week.",
          "Let me loop in our solutions engineer for the technical questions.",
          "Great, I'll follow up with a summary and next steps.",
          "Does that timeline work on your side?",
          "We're also investing a lot in reporting this year.",
          "Our customer success team can help with the rollout plan.",
          "Anything else on your mind before we wrap up?");

  static final List<String> TOPICS =
      List.of("Agenda", "Product feedback", "Pricing", "Next steps", "Usage review", "Small talk");
}

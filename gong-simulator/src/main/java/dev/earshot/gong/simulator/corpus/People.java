package dev.earshot.gong.simulator.corpus;

import java.util.List;

/** Name and company word lists the corpus draws from. */
final class People {

  private People() {}

  static final List<String> FIRST =
      List.of(
          "Dana", "Li", "Priya", "Marcus", "Sofia", "Tom", "Aisha", "Kenji", "Elena", "Omar",
          "Grace", "Diego", "Hannah", "Raj", "Chloe", "Mateo", "Nina", "Sam", "Ava", "Jonas",
          "Leah", "Victor", "Maya", "Ben", "Zoe", "Ivan", "Rosa", "Kofi", "Mia", "Luca");

  static final List<String> LAST =
      List.of(
          "Reyes", "Wen", "Patel", "Brooks", "Garcia", "Nguyen", "Khan", "Sato", "Novak", "Haddad",
          "Kim", "Lopez", "Schmidt", "Mehta", "Dubois", "Rossi", "Okafor", "Larsen", "Cohen",
          "Silva", "Murphy", "Ivanova", "Tanaka", "Fischer", "Moreau", "Ali", "Berg");

  static final List<String> CUSTOMER_TITLES =
      List.of(
          "Head of Operations",
          "VP Logistics",
          "Operations Manager",
          "IT Director",
          "Transportation Lead",
          "Director of Supply Chain",
          "Dispatch Supervisor",
          "Finance Manager",
          "Warehouse Manager",
          "COO");

  static final List<String> REP_TITLES =
      List.of(
          "Account Executive",
          "Customer Success Manager",
          "Solutions Engineer",
          "Senior Account Executive");

  static final List<String> COMPANY_FIRST =
      List.of(
          "Northwind",
          "Bluefin",
          "Cedar",
          "Summit",
          "Harbor",
          "Ironclad",
          "Meridian",
          "Granite",
          "Silverline",
          "Redwood",
          "Polar",
          "Keystone",
          "Lakeshore",
          "Pioneer",
          "Atlas",
          "Beacon",
          "Copper",
          "Evergreen",
          "Falcon",
          "Horizon");

  static final List<String> COMPANY_SECOND =
      List.of(
          "Logistics",
          "Freight",
          "Distribution",
          "Supply",
          "Transport",
          "Foods",
          "Retail",
          "Parts",
          "Cargo",
          "Health");

  static final List<String> STAGES =
      List.of("Discovery", "Evaluation", "Proposal", "Negotiation", "Closed Won", "Renewal");
}

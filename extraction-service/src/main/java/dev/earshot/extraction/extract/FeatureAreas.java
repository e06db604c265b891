package dev.earshot.extraction.extract;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.Vectors;
import java.util.List;

/**
 * Zero-shot area of an item: the area whose description is closest to what the customer said, when
 * it is close enough; else {@link #GENERAL}.
 */
public final class FeatureAreas {

  public static final String GENERAL = "General";

  /** Generic SaaS areas; an org's own list replaces them by configuration. */
  public static final List<FeatureArea> DEFAULTS =
      List.of(
          new FeatureArea(
              "Integrations",
              "integration with other tools, connectors, two-way sync with the CRM, Slack or Teams messages, webhooks, calling our systems"),
          new FeatureArea(
              "API",
              "public API, rate limits and quotas on API requests, API access to data, SDKs"),
          new FeatureArea(
              "Reporting & dashboards",
              "reports, dashboards, charts, analytics, metrics and KPIs, scorecards, report totals"),
          new FeatureArea(
              "Mobile",
              "mobile app on phones and tablets, working offline in the field, photos from the phone, iOS and Android"),
          new FeatureArea(
              "Security & access",
              "login, single sign-on, SAML, identity provider, passwords, two-factor authentication, security review"),
          new FeatureArea(
              "Permissions & roles",
              "user roles and permissions, access rights per team, admins and viewers, number of users or seats"),
          new FeatureArea(
              "Notifications",
              "alerts, email notifications, reminders, duplicate or late notifications"),
          new FeatureArea(
              "Data import & export",
              "importing files, uploading spreadsheets, CSV export, row limits on exports, historical data"),
          new FeatureArea("Search", "searching and finding records, partial matches, filters"),
          new FeatureArea(
              "Navigation & usability",
              "navigation, layout, too many clicks, confusing or hidden screens, switching views, ease of use, dark mode"),
          new FeatureArea(
              "Performance",
              "speed, slow loading pages, timeouts, crashes, battery and memory use"),
          new FeatureArea(
              "Workflow & automation",
              "workflows, approval steps, bulk editing, templates, recurring tasks, automation"),
          new FeatureArea(
              "Localization",
              "languages and translation, time zones, currencies, regional settings"),
          new FeatureArea(
              "Billing & account", "account settings, billing, plans and subscription limits"));

  private static final double MIN_SIMILARITY = 0.2;

  private final List<FeatureArea> areas;
  private final List<float[]> vectors;

  public FeatureAreas(List<FeatureArea> areas, EmbeddingModel model) {
    this.areas = List.copyOf(areas);
    this.vectors = model.embed(areas.stream().map(a -> a.name() + ": " + a.description()).toList());
  }

  public List<FeatureArea> areas() {
    return areas;
  }

  public String of(float[] itemVector) {
    int best = -1;
    double bestSimilarity = MIN_SIMILARITY;
    for (int i = 0; i < areas.size(); i++) {
      double similarity = Vectors.dot(itemVector, vectors.get(i));
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = i;
      }
    }
    return best < 0 ? GENERAL : areas.get(best).name();
  }
}

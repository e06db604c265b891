package dev.earshot.kit.observability;

import io.micrometer.core.instrument.Tags;

/** Tag names every Earshot metric shares, so dashboards can slice by service and org. */
public final class EarshotTags {

  /** Set on every meter from {@code spring.application.name}. */
  public static final String SERVICE = "service";

  /** Set on meters that concern one org, where the org is known. */
  public static final String ORG = "org";

  private EarshotTags() {}

  public static Tags org(String orgId) {
    return Tags.of(ORG, orgId == null || orgId.isBlank() ? "unknown" : orgId);
  }
}

package dev.earshot.gong.api;

/**
 * What {@code POST /v2/calls/extensive} should return beyond metadata.
 *
 * @param context {@code Extended} to include CRM objects (accounts, opportunities)
 * @param exposedFields parties, content parts and media
 */
public record ContentSelector(String context, ExposedFields exposedFields) {

  /** Everything Earshot needs: CRM context, parties and the content Gong derives. */
  public static ContentSelector everythingEarshotUses() {
    return new ContentSelector(
        "Extended",
        new ExposedFields(true, new ContentFields(true, true, true, true, true, true), false));
  }

  public record ExposedFields(boolean parties, ContentFields content, boolean media) {}

  public record ContentFields(
      boolean brief,
      boolean outline,
      boolean highlights,
      boolean keyPoints,
      boolean pointsOfInterest,
      boolean topics) {}
}

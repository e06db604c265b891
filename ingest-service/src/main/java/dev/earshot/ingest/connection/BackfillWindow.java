package dev.earshot.ingest.connection;

/**
 * A backfill covers 1 to 60 days; anything else is refused with {@link Invalid}, which {@link
 * ConnectionProblems} answers with a 400 that says so.
 */
public final class BackfillWindow {

  public static final int MIN_DAYS = 1;
  public static final int MAX_DAYS = 60;

  /** A backfill window outside 1..60 days; the message says which values are allowed. */
  public static final class Invalid extends IllegalArgumentException {

    Invalid(Integer days) {
      super(
          "days must be a whole number from "
              + MIN_DAYS
              + " to "
              + MAX_DAYS
              + ", not "
              + days
              + ".");
    }
  }

  private BackfillWindow() {}

  /** Accepts null (no backfill asked for) or 1..60. */
  public static void check(Integer days) {
    if (days != null) {
      require(days);
    }
  }

  /**
   * Refuses anything but a whole number of days from 1 to 60.
   *
   * @throws Invalid for null or a number outside 1..60
   */
  public static int require(Integer days) {
    if (days == null || days < MIN_DAYS || days > MAX_DAYS) {
      throw new Invalid(days);
    }
    return days;
  }
}

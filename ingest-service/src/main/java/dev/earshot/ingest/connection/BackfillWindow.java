package dev.earshot.ingest.connection;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** A backfill covers 1 to 60 days; anything else is refused with a 400 that says so. */
public final class BackfillWindow {

  public static final int MIN_DAYS = 1;
  public static final int MAX_DAYS = 60;

  private BackfillWindow() {}

  /** Accepts null (no backfill asked for) or 1..60. */
  static void check(Integer days) {
    if (days != null) {
      require(days);
    }
  }

  /** Refuses anything but a whole number of days from 1 to 60. */
  public static int require(Integer days) {
    if (days == null || days < MIN_DAYS || days > MAX_DAYS) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-backfill-window",
          "Invalid backfill window",
          "days must be a whole number from "
              + MIN_DAYS
              + " to "
              + MAX_DAYS
              + ", not "
              + days
              + ".");
    }
    return days;
  }
}

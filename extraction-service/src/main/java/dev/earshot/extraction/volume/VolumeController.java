package dev.earshot.extraction.volume;

import dev.earshot.kit.security.CurrentOrg;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The org's call volume: {@code GET /api/v1/calls/volume?from=2026-11-01&to=2026-11-30&by=day}
 * ({@code by}: {@code day}, the default, or {@code week}, ISO weeks; {@code from}/{@code to}: UTC
 * days from 1970-01-01 to 9999-12-31, inclusive, default the last 30 days or 12 weeks to today;
 * {@code company}: one company's calls only). At most {@value VolumeSeries#MAX_BUCKETS} buckets.
 */
@RestController
@RequestMapping("/api/v1/calls/volume")
class VolumeController {

  /** The earliest day a series may name. */
  static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);

  /** The last day a series may name. */
  static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private final CountingCalls counting;
  private final Clock clock;

  VolumeController(CountingCalls counting, Clock clock) {
    this.counting = counting;
    this.clock = clock;
  }

  @GetMapping
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  VolumeSeries volume(
      @AuthenticationPrincipal Jwt jwt,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "day") String by,
      @RequestParam(required = false) String company) {
    Granularity unit =
        Granularity.parse(by)
            .orElseThrow(
                () -> VolumeProblems.invalid("by", "by is day or week, not '" + by + "'."));
    LocalDate last = to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : day("to", to);
    LocalDate first =
        from == null
            ? (unit == Granularity.DAY ? last.minusDays(29) : unit.start(last).minusWeeks(11))
            : day("from", from);
    if (first.isAfter(last)) {
      throw VolumeProblems.invalid(
          "from", "from (" + first + ") is after to (" + last + "); give from <= to.");
    }
    if (VolumeSeries.bucketsBetween(unit, first, last) > VolumeSeries.MAX_BUCKETS) {
      throw VolumeProblems.invalid(
          "to",
          "from "
              + first
              + " to "
              + last
              + " by "
              + unit.apiName()
              + " is more than "
              + VolumeSeries.MAX_BUCKETS
              + " buckets; shorten the range"
              + (unit.apiName().equals("week") ? "." : " or ask by week."));
    }
    String companyId = company == null || company.isBlank() ? null : company.strip();
    return counting.series(CurrentOrg.of(jwt).orgId(), unit, first, last, companyId);
  }

  private static LocalDate day(String parameter, String value) {
    LocalDate day;
    try {
      day = LocalDate.parse(value.strip());
    } catch (DateTimeException e) {
      throw VolumeProblems.invalid(
          parameter, parameter + " is a UTC day as YYYY-MM-DD, not '" + value + "'.");
    }
    // past these, a bucket's end overflows LocalDate or PostgreSQL's timestamps
    if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
      throw VolumeProblems.invalid(
          parameter,
          parameter + " is a day from " + FIRST_DAY + " to " + LAST_DAY + ", not '" + value + "'.");
    }
    return day;
  }
}

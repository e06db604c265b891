package dev.earshot.extraction.volume;

import dev.earshot.events.Call;
import dev.earshot.extraction.company.CallMapping;
import dev.earshot.extraction.company.CompanyDirectory;
import dev.earshot.extraction.company.MappingOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Counts each call once per org and call id, with the company it maps to at the time (none when
 * unmapped): a redelivered or re-published call is not counted again (the table's primary key).
 * Serves the org's series of calls and call minutes per UTC day or ISO week.
 */
@Service
public class CountingCalls {

  static final String COUNTED = "earshot.calls.counted";

  private final CallVolumes volumes;
  private final CallMapping mapping;
  private final MeterRegistry meters;
  private final Clock clock;

  CountingCalls(CallVolumes volumes, CallMapping mapping, MeterRegistry meters, Clock clock) {
    this.volumes = volumes;
    this.mapping = mapping;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Counts the call; true when it had not been counted.
   *
   * @throws CompanyDirectory.DirectoryNotLoaded when the directory is still being read (retried)
   */
  public boolean count(Call call) {
    MappingOutcome mapped = mapping.map(call);
    String company = mapped instanceof MappingOutcome.Mapped m ? m.company().companyId() : null;
    boolean counted =
        volumes.count(
            call.getOrgId(),
            call.getCallId(),
            company,
            call.getStarted(),
            call.getDurationSeconds(),
            clock.instant());
    meters.counter(COUNTED, "outcome", counted ? "counted" : "already_counted").increment();
    return counted;
  }

  /**
   * The org's series over the UTC days {@code from} to {@code to} (inclusive), of one company's
   * calls when {@code companyId} is not null.
   */
  public VolumeSeries series(
      String orgId, Granularity by, LocalDate from, LocalDate to, String companyId) {
    Instant start = by.start(from).atStartOfDay(ZoneOffset.UTC).toInstant();
    LocalDate lastBucket = by.start(to);
    Instant until = by.next(lastBucket).atStartOfDay(ZoneOffset.UTC).toInstant();
    return VolumeSeries.of(
        by, from, to, companyId, volumes.counted(orgId, by, start, until, companyId));
  }

  /** Today's (UTC) calls per org, for the gauges. */
  List<CallVolumes.OrgDay> today() {
    return volumes.day(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
  }
}

package dev.earshot.extraction.volume;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counted calls in PostgreSQL ({@code extraction.call_volume}): one row per org and call id. */
@Repository
class CallVolumes {

  private final JdbcClient jdbc;

  CallVolumes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts the call unless it was counted before; true when it is counted now. */
  boolean count(
      String orgId,
      String callId,
      String companyId,
      Instant startedAt,
      long durationSeconds,
      Instant now) {
    return jdbc.sql(
                "insert into call_volume (org_id, call_id, company_id, started_at,"
                    + " duration_seconds, counted_at) values (:org, :call, :company, :started,"
                    + " :seconds, :now) on conflict (org_id, call_id) do nothing")
            .param("org", orgId)
            .param("call", callId)
            .param("company", companyId)
            .param("started", Timestamp.from(startedAt))
            .param("seconds", Math.max(0, durationSeconds))
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  /**
   * Calls and seconds per bucket start (UTC) of the org's calls that started in [{@code from},
   * {@code until}), restricted to one company when {@code companyId} is not null.
   */
  Map<LocalDate, VolumeSeries.Counted> counted(
      String orgId, Granularity by, Instant from, Instant until, String companyId) {
    Map<LocalDate, VolumeSeries.Counted> out = new LinkedHashMap<>();
    jdbc.sql(
            "select cast(date_trunc(:unit, started_at at time zone 'UTC') as date) as bucket,"
                + " count(*) as calls, coalesce(sum(duration_seconds), 0) as seconds"
                + " from call_volume where org_id = :org and started_at >= :from"
                + " and started_at < :until"
                + (companyId == null ? "" : " and company_id = :company")
                + " group by 1 order by 1")
        .param("unit", by.apiName())
        .param("org", orgId)
        .param("from", Timestamp.from(from))
        .param("until", Timestamp.from(until))
        .params(companyId == null ? Map.of() : Map.of("company", companyId))
        .query(
            rs -> {
              out.put(
                  rs.getDate("bucket").toLocalDate(),
                  new VolumeSeries.Counted(rs.getLong("calls"), rs.getLong("seconds")));
            });
    return out;
  }

  /**
   * Per org, calls and seconds of calls that started on {@code day} (UTC).
   *
   * @param day the UTC day
   */
  List<OrgDay> day(LocalDate day) {
    return jdbc.sql(
            "select org_id, count(*) as calls, coalesce(sum(duration_seconds), 0) as seconds"
                + " from call_volume where started_at >= :from and started_at < :until"
                + " group by org_id")
        .param("from", Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()))
        .param("until", Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
        .query(
            (rs, n) ->
                new OrgDay(rs.getString("org_id"), rs.getLong("calls"), rs.getLong("seconds")))
        .list();
  }

  /**
   * One org's calls of one day.
   *
   * @param orgId the org
   * @param calls calls
   * @param seconds their summed duration
   */
  record OrgDay(String orgId, long calls, long seconds) {}
}

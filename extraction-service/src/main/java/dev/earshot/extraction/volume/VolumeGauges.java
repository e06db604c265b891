package dev.earshot.extraction.volume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges of the current UTC day per org, read from the database every {@code
 * earshot.extraction.volume.gauge-interval}: {@code earshot.calls.today.calls} (calls that started
 * today, counted once each) and {@code earshot.calls.today.minutes} (their minutes). Every replica
 * exports the same figures, so a dashboard takes {@code max by (org)}, never a sum over pods.
 */
@Component
class VolumeGauges {

  private static final Logger log = LoggerFactory.getLogger(VolumeGauges.class);

  private final CountingCalls counting;
  private final MultiGauge calls;
  private final MultiGauge minutes;

  VolumeGauges(CountingCalls counting, MeterRegistry meters) {
    this.counting = counting;
    this.calls =
        MultiGauge.builder("earshot.calls.today.calls")
            .description("Calls that started on the current UTC day, per org, counted once each")
            .register(meters);
    this.minutes =
        MultiGauge.builder("earshot.calls.today.minutes")
            .description("Minutes of the calls that started on the current UTC day, per org")
            .baseUnit("minutes")
            .register(meters);
  }

  @Scheduled(
      fixedDelayString =
          "#{@'earshot.extraction.volume-dev.earshot.extraction.volume.VolumeProperties'.gaugeInterval().toMillis()}",
      initialDelay = 1000)
  void refresh() {
    try {
      List<CallVolumes.OrgDay> today = counting.today();
      calls.register(
          today.stream().map(d -> MultiGauge.Row.of(Tags.of("org", d.orgId()), d.calls())).toList(),
          true);
      minutes.register(
          today.stream()
              .map(
                  d ->
                      MultiGauge.Row.of(
                          Tags.of("org", d.orgId()), VolumeSeries.minutes(d.seconds())))
              .toList(),
          true);
    } catch (RuntimeException failure) { // the database is away: the gauges keep their last value
      log.atWarn().setCause(failure).log("could not read today's call volume for the gauges");
    }
  }
}

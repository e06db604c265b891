package dev.earshot.extraction.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeSeriesTest {

  @Test
  void everyIsoWeekOfTheRangeIsABucketEmptyOnesWithZeros() {
    // 2026-11-25 is a Wednesday of ISO week 48 (Monday 2026-11-23)
    VolumeSeries series =
        VolumeSeries.of(
            Granularity.WEEK,
            LocalDate.parse("2026-11-25"),
            LocalDate.parse("2026-12-08"),
            null,
            Map.of(LocalDate.parse("2026-12-07"), new VolumeSeries.Counted(2, 5400)));

    assertThat(series.buckets())
        .extracting(VolumeSeries.Bucket::label)
        .containsExactly("2026-W48", "2026-W49", "2026-W50");
    assertThat(series.buckets().getFirst().start()).isEqualTo(LocalDate.parse("2026-11-23"));
    assertThat(series.buckets().get(2).calls()).isEqualTo(2);
    assertThat(series.buckets().get(2).minutes()).isEqualTo(90.0);
    assertThat(series.totalCalls()).isEqualTo(2);
  }

  @Test
  void daysAreUtcDaysInclusive() {
    VolumeSeries series =
        VolumeSeries.of(
            Granularity.DAY,
            LocalDate.parse("2026-11-29"),
            LocalDate.parse("2026-11-30"),
            "acme",
            Map.of(LocalDate.parse("2026-11-30"), new VolumeSeries.Counted(1, 125)));

    assertThat(series.buckets()).hasSize(2);
    assertThat(series.buckets().get(1).minutes()).isEqualTo(2.1);
    assertThat(VolumeSeries.bucketsBetween(Granularity.DAY, series.from(), series.to()))
        .isEqualTo(2);
  }
}

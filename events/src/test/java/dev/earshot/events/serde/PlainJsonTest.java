package dev.earshot.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.SampleEvents;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

  @Test
  void aCallRoundTripsThroughPlainJsonWithUnwrappedUnionsAndReadableTimes() {
    Call call = SampleEvents.call();

    String text = PlainJson.write(call);

    assertThat(text).contains("\"started\":\"20").doesNotContain("{\"string\":");
    assertThat(PlainJson.read(text, Call.class)).isEqualTo(call);
  }

  @Test
  void aFeedbackItemRoundTripsWithItsDecimalAmount() {
    FeedbackItem item = SampleEvents.feedbackItem();

    FeedbackItem again = PlainJson.read(PlainJson.write(item), FeedbackItem.class);

    assertThat(again).isEqualTo(item);
  }

  @Test
  void missingFieldsWithDefaultsAreFilledAndRequiredOnesAreReported() {
    assertThatThrownBy(() -> PlainJson.read("{\"callId\":\"1\"}", Call.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("required");
  }
}

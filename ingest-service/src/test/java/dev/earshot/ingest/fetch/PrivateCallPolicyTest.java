package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gong.api.Privacy;
import org.junit.jupiter.api.Test;

class PrivateCallPolicyTest {

  @Test
  void aCallGongSaidIsPrivateIsRecordedPrivateAndNeverRead() {
    assertThat(PrivateCallPolicy.recordedPrivate(Privacy.PRIVATE)).isTrue();
    assertThat(PrivateCallPolicy.mayRead(Privacy.PRIVATE)).isFalse();
    assertThat(PrivateCallPolicy.withheld(Privacy.PRIVATE))
        .contains(FetchOutcome.PrivateCall.SAID_PRIVATE);
  }

  @Test
  void aCallGongSaidNothingAboutIsLookedUpButItsContentIsNotRead() {
    assertThat(PrivateCallPolicy.recordedPrivate(Privacy.UNKNOWN)).isFalse();
    assertThat(PrivateCallPolicy.mayRead(Privacy.UNKNOWN)).isFalse();
    assertThat(PrivateCallPolicy.withheld(Privacy.UNKNOWN))
        .contains(FetchOutcome.PrivateCall.NOT_SAID_PUBLIC);
  }

  @Test
  void onlyACallGongSaidIsNotPrivateIsRead() {
    assertThat(PrivateCallPolicy.mayRead(Privacy.PUBLIC)).isTrue();
    assertThat(PrivateCallPolicy.withheld(Privacy.PUBLIC)).isEmpty();
  }
}

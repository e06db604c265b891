package dev.earshot.extraction.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.FeedbackKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The detector's kinds and the published contract's kinds are one list. */
class KindTest {

  @Test
  void theFeedbackKindsAreTheContractsSymbolsButItsReaderFallback() {
    assertThat(Kind.feedback().stream().map(Kind::name).toList())
        .containsExactlyElementsOf(
            Arrays.stream(FeedbackKind.values())
                .filter(k -> k != FeedbackKind.UNKNOWN)
                .map(FeedbackKind::name)
                .toList());
  }
}

package dev.earshot.dedup.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KindPenaltyTest {

  @Test
  void onlyTwoKnownKindsThatDifferLowerTheScore() {
    KindPenalty p = new KindPenalty(0.05);

    assertThat(p.apply(0.52, "UX", "FEATURE_REQUEST")).isCloseTo(0.47, within(1e-12));
    assertThat(p.apply(0.52, "BUG", "BUG")).isEqualTo(0.52);
    assertThat(p.apply(0.52, null, "BUG")).isEqualTo(0.52);
    assertThat(p.apply(0.52, "BUG", null)).isEqualTo(0.52);
    assertThat(p.weighs()).isTrue();
  }

  @Test
  void noPenaltyWeighsNothingAndAPenaltyOutsideZeroToOneIsRefused() {
    assertThat(KindPenalty.NONE.weighs()).isFalse();
    assertThat(KindPenalty.NONE.apply(0.52, "UX", "BUG")).isEqualTo(0.52);
    assertThatThrownBy(() -> new KindPenalty(-0.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> new KindPenalty(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KindPenalty(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

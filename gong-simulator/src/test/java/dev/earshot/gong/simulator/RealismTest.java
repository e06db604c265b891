package dev.earshot.gong.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RealismTest {

  @Test
  void noneIsTheDefaultAndTurnsEverySwitchOff() {
    assertThat(SimulatorConfig.defaults().realism()).isEqualTo(Realism.none());
    assertThat(Realism.none().enabled()).isEmpty();
    assertThat(Realism.none().isNone()).isTrue();
    assertThat(Realism.none().profileName()).isEqualTo("none");
  }

  @Test
  void fieldTurnsEverySwitchOnWithASchedule() {
    Realism field = Realism.field();

    assertThat(field.enabled()).containsExactly(Realism.Switch.values());
    assertThat(field.profileName()).isEqualTo("field");
    assertThat(field.forbiddenAfter()).isPositive();
    assertThat(field.quotaExhaustedAfter()).isGreaterThan(field.forbiddenAfter());
    assertThat(field.revokedAfter()).isGreaterThan(field.quotaExhaustedAfter());
    assertThat(field.badCalls()).isEqualTo(2);
  }

  @Test
  void switchesAreSetOneByOneAndNamedAsTheRecordComponents() {
    Realism lagOnly = Realism.only(Realism.Switch.EXTENSIVE_LAG);

    assertThat(lagOnly.enabled()).containsExactly(Realism.Switch.EXTENSIVE_LAG);
    assertThat(lagOnly.extensiveLag()).isTrue();
    assertThat(lagOnly.profileName()).isEqualTo("custom");
    assertThat(Realism.field().with(Realism.Switch.EXTENSIVE_LAG, false).extensiveLag()).isFalse();
    assertThat(Realism.field().describe())
        .containsEntry("profile", "field")
        .containsEntry("webhookSampleShape", true)
        .containsEntry("plantedBadCalls", true)
        .containsKeys("forbiddenAfter", "forbiddenRequests", "quotaExhaustedAfter", "revokedAfter");
    assertThat(Realism.field().withSchedule(1, 2, 3, 4).withBadCalls(6))
        .extracting(
            Realism::forbiddenAfter,
            Realism::forbiddenRequests,
            Realism::quotaExhaustedAfter,
            Realism::revokedAfter,
            Realism::badCalls)
        .containsExactly(1L, 2, 3L, 4L, 6);
  }

  @Test
  void refusesNegativeNumbersAndUnknownProfiles() {
    assertThatThrownBy(() -> Realism.none().withSchedule(-1, 0, 0, 0)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> Realism.profile("gong")).hasMessageContaining("none or field");
  }
}

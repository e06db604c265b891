package dev.earshot.kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service's YAML bound outside Spring Boot resolves its placeholders as the service does: a key
 * written {@code ${EARSHOT_…_KEY:}} in the YAML comes from the environment (here an override, the
 * source searched first), never as the placeholder's own text.
 */
class ServiceSettingsTest {

  /** What {@code settings-placeholders.yaml} holds under {@code earshot.settings-test}. */
  record Settings(String apiKey, String name) {}

  @Test
  void aPlaceholderInTheYamlTakesItsValueFromTheSourcesAbove() {
    Settings bound =
        ServiceSettings.bind(
            "settings-placeholders.yaml",
            "earshot.settings-test",
            Settings.class,
            Map.of("EARSHOT_SETTINGS_TEST_KEY", "sk-from-env"));

    assertThat(bound.apiKey()).isEqualTo("sk-from-env");
    assertThat(bound.name()).isEqualTo("default-model");
  }

  @Test
  void anUnsetPlaceholderTakesItsDefaultNotItsOwnText() {
    Settings bound =
        ServiceSettings.bind(
            "settings-placeholders.yaml", "earshot.settings-test", Settings.class, Map.of());

    assertThat(bound.apiKey()).isEmpty();
    assertThat(bound.name()).isEqualTo("default-model");
  }
}

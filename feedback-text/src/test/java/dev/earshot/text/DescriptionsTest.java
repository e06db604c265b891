package dev.earshot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DescriptionsTest {

  @Test
  void theCustomersWordsComeBackWithoutTheQuestion() {
    String description =
        Descriptions.of(Optional.of("Anything you would change?"), "Let me upload a photo.");

    assertThat(description).isEqualTo("Asked: Anything you would change? — Let me upload a photo.");
    assertThat(Descriptions.customersWords(description)).isEqualTo("Let me upload a photo.");
  }

  @Test
  void aDescriptionWithoutAQuestionIsTheCustomersWords() {
    assertThat(Descriptions.of(Optional.empty(), "Exports fail — every time."))
        .isEqualTo("Exports fail — every time.");
    assertThat(Descriptions.customersWords("Exports fail — every time."))
        .isEqualTo("Exports fail — every time.");
  }
}

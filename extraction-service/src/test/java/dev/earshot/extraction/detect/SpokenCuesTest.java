package dev.earshot.extraction.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The spoken cues added for reading instructions aloud, for sentences that trail off and for
 * recounting what happened.
 */
class SpokenCuesTest {

  private static Cue cue(String name) {
    return SpokenCues.allCurrentCues().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void instructionsAddressedToTheListenerAreRecognised() {
    Cue cue = cue("addresses-the-listener");

    assertThat(cue.matches("If you have already paid, you'll need to attach the invoice."))
        .isTrue();
    assertThat(cue.matches("You can change the plan from the billing tab.")).isTrue();
    assertThat(cue.matches("I need a way to change the plan myself.")).isFalse();
  }

  @Test
  void aSentenceCutOffMidwayIsRecognised() {
    Cue cue = cue("trails-off");

    assertThat(cue.matches("So what I would do is…")).isTrue();
    assertThat(cue.matches("And then I went to the...")).isTrue();
    assertThat(cue.matches("Then I clicked the button and")).isTrue();
    assertThat(cue.matches("The export button does nothing.")).isFalse();
  }

  @Test
  void recountingWhatHappenedNeedsTheFirstPersonThePastAndATimeMarker() {
    Cue cue = cue("recounts-an-event");

    assertThat(cue.matches("When I called them last year they told me to wait.")).isTrue();
    assertThat(cue.matches("Then we went back to the office after lunch.")).isTrue();
    assertThat(cue.matches("I called them and they told me to wait.")).isFalse();
    assertThat(cue.matches("When the page loads it shows the wrong date.")).isFalse();
    assertThat(cue.matches("I wish it would show the status when I log in.")).isFalse();
  }
}

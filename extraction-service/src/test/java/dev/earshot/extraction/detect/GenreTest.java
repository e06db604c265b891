package dev.earshot.extraction.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which operating point a text gets: written when only the customer speaks. */
class GenreTest {

  private static final Speaker REP = new Speaker("r", null, null, null, null, Role.INTERNAL, null);
  private static final Speaker CUSTOMER =
      new Speaker("c", null, null, null, null, Role.CUSTOMER, null);

  private static Utterance said(Speaker who, String text) {
    return new Utterance(0, 0, who, text, 0, 0);
  }

  @Test
  void aTextByTheCustomerAloneIsWrittenAndAnyOtherVoiceMakesAConversation() {
    assertThat(Genre.of(List.of(said(CUSTOMER, "Exports fail."), said(CUSTOMER, "Fix it."))))
        .isEqualTo(Genre.WRITTEN);
    assertThat(Genre.of(List.of(said(REP, "How is it going?"), said(CUSTOMER, "Exports fail."))))
        .isEqualTo(Genre.CONVERSATION);
  }
}

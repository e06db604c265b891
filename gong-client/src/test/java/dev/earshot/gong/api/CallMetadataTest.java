package dev.earshot.gong.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gong.client.GongJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallMetadataTest {

  /**
   * Only a JSON {@code false} is Gong saying a call is not private; any other form of "false" is
   * not coerced into it, while any form of "true" still makes the call private (fail closed).
   */
  @ParameterizedTest(name = "isPrivate: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "false      | PUBLIC",
        "true       | PRIVATE",
        "'\"true\"' | PRIVATE",
        "'\"TRUE\"' | PRIVATE",
        "'\"false\"'| UNKNOWN",
        "0          | UNKNOWN",
        "null       | UNKNOWN",
        "{}         | UNKNOWN",
        "[false]    | UNKNOWN",
      })
  void onlyAJsonFalseMakesACallPublic(String flag, Privacy expected) {
    CallMetadata call =
        GongJson.mapper()
            .readValue(
                "{\"id\":\"1\",\"isPrivate\":" + flag + ",\"title\":\"t\"}", CallMetadata.class);

    assertThat(call.privacy()).isEqualTo(expected);
    assertThat(call.title()).isEqualTo("t");
  }
}

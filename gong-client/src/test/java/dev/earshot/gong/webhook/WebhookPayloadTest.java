package dev.earshot.gong.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.gong.api.Privacy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookPayloadTest {

  private final WebhookPayload.Parser parser =
      WebhookPayload.parser(WebhookPayload.Limits.defaults());

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheCallIdTestFlagAndPrivacy() {
    WebhookPayload payload =
        parser.parse(
            bytes(
                "{\"callData\":{\"metaData\":{\"id\":\"5599332235511222779\",\"isPrivate\":true}},"
                    + "\"isTest\":true}"));

    assertThat(payload).isEqualTo(new WebhookPayload("5599332235511222779", true, Privacy.PRIVATE));
  }

  /**
   * Privacy fails closed for every shape integrations report: Gong's own sample omits the flag, one
   * template carries it at the top level, a string "true" is still true; only an explicit {@code
   * callData.metaData.isPrivate: false} with nothing saying true makes a call public.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no flag anywhere (Gong's sample)    | {}                                    | UNKNOWN",
        "metaData false                      | {\"isPrivate\":false}                 | PUBLIC",
        "metaData true                       | {\"isPrivate\":true}                  | PRIVATE",
        "metaData null                       | {\"isPrivate\":null}                  | UNKNOWN",
        "metaData string true                | {\"isPrivate\":\"true\"}              | PRIVATE",
        "metaData string false               | {\"isPrivate\":\"false\"}             | UNKNOWN",
        "top-level true, metaData false      | {\"isPrivate\":false},top:true        | PRIVATE",
        "top-level true, no metaData flag    | {},top:true                           | PRIVATE",
        "top-level false alone               | {},top:false                          | UNKNOWN",
      })
  void aCallIsPrivateUnlessGongSaidFalseExplicitly(String shape, String flags, Privacy expected) {
    String meta = flags.contains(",top:") ? flags.substring(0, flags.indexOf(",top:")) : flags;
    String top = flags.contains(",top:") ? ",\"isPrivate\":" + flags.split(",top:")[1] : "";
    String metaFields = meta.substring(1, meta.length() - 1);
    String body =
        "{\"callData\":{\"metaData\":{\"id\":\"42\""
            + (metaFields.isEmpty() ? "" : "," + metaFields)
            + "}},\"isTest\":false"
            + top
            + "}";

    assertThat(parser.parse(bytes(body)).privacy()).as(body).isEqualTo(expected);
  }

  /** The field case's files, built from Gong's documented sample and public integrations. */
  @ParameterizedTest
  @CsvSource({
    "webhook-private-no-flag.json, UNKNOWN",
    "webhook-private-top-level-flag.json, PRIVATE",
    "webhook-public-no-parties.json, PUBLIC"
  })
  void fieldCase02WebhookShapes(String file, Privacy expected) throws Exception {
    Path path = FIELD_CASE_02.resolve(file);
    assumeTrue(Files.exists(path), "field case 02 is not available here");

    WebhookPayload payload =
        parser.parse(
            Files.readString(path).replace("REPLACE_WITH_", "").getBytes(StandardCharsets.UTF_8));

    assertThat(payload.privacy()).isEqualTo(expected);
  }

  private static final Path FIELD_CASE_02 =
      Path.of("../../shared/field-cases/02-webhook-calldata-missing-isprivate");

  @Test
  void aNumericCallIdIsReadToo() {
    assertThat(parser.parse(bytes("{\"callData\":{\"metaData\":{\"id\":123}}}")).callId())
        .isEqualTo("123");
  }

  @Test
  void refusesWhatIsNotAGongPayload() {
    assertThatThrownBy(() -> parser.parse(bytes("[]"))).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> parser.parse(bytes("{\"callData\":{}}")))
        .hasMessageContaining("metaData.id is missing");
    assertThatThrownBy(() -> parser.parse(bytes("{\"callData\":{\"metaData\":{\"id\":\"a b\"}}}")))
        .hasMessageContaining("not a Gong call id");
    assertThatThrownBy(() -> parser.parse(bytes("{\"callData\":")))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);

    assertThatThrownBy(() -> parser.parse(bytes(deep)))
        .isInstanceOf(WebhookPayload.Unreadable.class)
        .hasMessageContaining("deeper than 32");
  }

  /**
   * A seeded fuzz: mutations of a valid payload and random bytes either parse or are refused as
   * {@link WebhookPayload.Unreadable}, never any other exception.
   */
  @Test
  void mutatedAndRandomInputIsEitherReadOrRefusedNeverACrash() {
    byte[] valid =
        bytes(
            "{\"callData\":{\"metaData\":{\"id\":\"5599332235511222779\",\"isPrivate\":false,"
                + "\"title\":\"Ron/Speedman\"},\"parties\":[{\"name\":\"x\"}]},\"isTest\":false}");
    SplittableRandom random = new SplittableRandom(20261125);
    int parsed = 0;
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] input = i % 4 == 0 ? randomBytes(random) : mutate(valid, random);
      try {
        WebhookPayload payload = parser.parse(input);
        assertThat(payload.callId()).matches("[0-9A-Za-z_-]{1,64}");
        parsed++;
      } catch (WebhookPayload.Unreadable expected) {
        refused++;
      }
    }
    assertThat(parsed).isPositive();
    assertThat(refused).isPositive();
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] out = new byte[random.nextInt(200)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) random.nextInt(256);
    }
    return out;
  }

  private static final String MUTATIONS = "{}[]\":,0a\\ \u0000";

  private static byte[] mutate(byte[] valid, SplittableRandom random) {
    byte[] out = valid.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(out.length);
      out[at] = (byte) MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
    }
    return out;
  }
}

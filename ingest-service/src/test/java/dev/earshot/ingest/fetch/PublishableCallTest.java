package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Call;
import dev.earshot.events.CrmContext;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.calls.CallAssembly;
import dev.earshot.gong.client.GongJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call made ready for gong.calls.v1 on its own: encoded within the limit, or unfit with why. */
class PublishableCallTest {

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void aCallWhoseRecordCannotBeEncodedOrIsTooLargeIsUnfitWithAReason() {
    Call call = CallAssembly.assemble("c-1", "org-1", extensive(), transcript(), NOW);
    Call wide =
        Call.newBuilder(call)
            .setCrm(
                CrmContext.newBuilder()
                    .setDealAmount(new BigDecimal("12345678901234567.00"))
                    .build())
            .build();

    var unencodable =
        PublishableCall.encoded(new CallAssembly.Assembled(wide, List.of()), 4_000_000);
    var tooLarge = PublishableCall.encoded(new CallAssembly.Assembled(call, List.of()), 10);
    var fits = PublishableCall.encoded(new CallAssembly.Assembled(call, List.of()), 4_000_000);

    assertThat(unencodable)
        .isInstanceOfSatisfying(
            FetchOutcome.Unfit.class, u -> assertThat(u.kind()).isEqualTo("serialization"));
    assertThat(tooLarge)
        .isInstanceOfSatisfying(
            FetchOutcome.Unfit.class,
            u -> {
              assertThat(u.kind()).isEqualTo("too_large");
              assertThat(u.reason()).contains("10-byte limit");
            });
    assertThat(fits).isInstanceOf(FetchOutcome.Fetched.class);
  }

  private static ExtensiveCall extensive() {
    return GongJson.mapper()
        .readValue(
            "{\"metaData\":{\"id\":\"42\",\"isPrivate\":false,\"duration\":\"60\","
                + "\"started\":\"2026-11-30T10:00:00Z\"},\"parties\":[]}",
            ExtensiveCall.class);
  }

  private static CallTranscript transcript() {
    return GongJson.mapper()
        .readValue("{\"callId\":\"42\",\"transcript\":[]}", CallTranscript.class);
  }
}

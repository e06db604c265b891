package dev.earshot.gong.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gong.client.GongJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class GongReadOperationsTest {

  @ParameterizedTest
  @CsvSource({
    "GET, /v2/calls",
    "get, /v2/calls/7782342274025937895",
    "POST, /v2/calls/extensive",
    "GET, /v2/users/234599484848423",
    "POST, /v2/stats/activity/day-by-day",
    "GET, /v2/workspaces"
  })
  void readsAreAllowed(String method, String path) {
    assertThat(GongReadOperations.check(method, path))
        .isInstanceOf(GongReadOperations.Verdict.Allowed.class);
  }

  /** Writes from Gong's API v2 inventory, and reads left out on purpose. */
  @ParameterizedTest
  @CsvSource({
    "POST, /v2/calls, not on the",
    "PUT, /v2/calls/123/media, not a read",
    "DELETE, /v2/crm/integrations, not a read",
    "PUT, /v2/crm/integrations, not a read",
    "POST, /v2/crm/entities, not on the",
    "POST, /v2/data-privacy/erase-data-for-email-address, not on the",
    "POST, /v2/flows/prospects/assign, not on the",
    "PATCH, /v2/tasks/9, not a read",
    "POST, /v2/meetings, not on the",
    "POST, /v2/calls/transcript, not on the",
    "GET, /v2/data-privacy/data-for-email-address, not on the",
    "POST, /v2/calls/users-access, not on the"
  })
  void writesAndWithheldReadsAreRefusedWithAReason(String method, String path, String reason) {
    assertThat(GongReadOperations.check(method, path))
        .isInstanceOfSatisfying(
            GongReadOperations.Verdict.Refused.class,
            refused -> assertThat(refused.reason()).contains(reason));
  }

  @ParameterizedTest
  @CsvSource({
    "/v2/calls/../users",
    "/v2/calls@evil.example",
    "//evil.example/v2/calls",
    "/v2/calls%2F..%2Fusers",
    "/v2/calls?x=1",
    "/v2/calls/",
    "/v1/calls",
    "/v2/calls/a b",
    "/v2/users/1/../../calls"
  })
  void pathsThatAreNotPlainGongPathsAreRefused(String path) {
    assertThat(GongReadOperations.check("GET", path))
        .isInstanceOfSatisfying(
            GongReadOperations.Verdict.Refused.class,
            refused -> assertThat(refused.reason()).contains("Gong API v2 path"));
  }

  @Test
  void privateAndUnsaidCallsAreWithheldFromListsFailingClosed() {
    JsonNode listed =
        GongJson.mapper()
            .readTree(
                """
                {"requestId":"r","calls":[
                  {"id":"1","isPrivate":false},
                  {"id":"2","isPrivate":true},
                  {"id":"3"},
                  {"id":"4","isPrivate":"false"}]}""");

    CallsInAnswer.Shown shown =
        CallsInAnswer.withholdPrivate(GongReadOperations.Calls.LISTED, listed);

    assertThat(shown.withheld()).isEqualTo(3);
    assertThat(shown.body().path("calls")).hasSize(1);
    assertThat(shown.body().path("calls").get(0).path("id").asString()).isEqualTo("1");
    assertThat(shown.body().path("requestId").asString()).isEqualTo("r");
  }

  @Test
  void extensiveCallsAreJudgedByTheirMetadata() {
    JsonNode extensive =
        GongJson.mapper()
            .readTree(
                """
                {"calls":[
                  {"metaData":{"id":"1","isPrivate":false}},
                  {"metaData":{"id":"2","isPrivate":true}},
                  {"metaData":{"id":"3"}}]}""");

    CallsInAnswer.Shown shown =
        CallsInAnswer.withholdPrivate(GongReadOperations.Calls.EXTENSIVE, extensive);

    assertThat(shown.withheld()).isEqualTo(2);
    assertThat(shown.body().path("calls").get(0).path("metaData").path("id").asString())
        .isEqualTo("1");
  }

  @Test
  void oneCallIsShownOnlyWhenSaidPublic() {
    JsonNode privateCall =
        GongJson.mapper().readTree("{\"call\":{\"id\":\"2\",\"isPrivate\":true}}");
    JsonNode publicCall =
        GongJson.mapper().readTree("{\"call\":{\"id\":\"1\",\"isPrivate\":false}}");

    assertThat(CallsInAnswer.withholdPrivate(GongReadOperations.Calls.ONE, privateCall))
        .satisfies(
            shown -> {
              assertThat(shown.withheld()).isEqualTo(1);
              assertThat(shown.body().has("call")).isFalse();
            });
    assertThat(CallsInAnswer.withholdPrivate(GongReadOperations.Calls.ONE, publicCall).withheld())
        .isZero();
  }
}

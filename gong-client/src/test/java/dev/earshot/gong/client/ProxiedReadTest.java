package dev.earshot.gong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.gong.proxy.GongReadOperations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@link GongClient#read}: an allow-listed read goes to the base URL, with its query and body. */
class ProxiedReadTest {

  private final GongStub gong = new GongStub();
  private final GongClient client = gong.client();

  @AfterEach
  void stop() {
    gong.close();
  }

  private static GongReadOperations.Operation allowed(String method, String path) {
    return ((GongReadOperations.Verdict.Allowed) GongReadOperations.check(method, path))
        .operation();
  }

  @Test
  void aGetCarriesItsQueryEncodedAndAnswersGongsJson() {
    gong.answer("/v2/calls", 200, "{\"requestId\":\"r1\",\"calls\":[]}");

    JsonNode answer =
        client.read(
            allowed("GET", "/v2/calls"),
            "/v2/calls",
            Map.of("fromDateTime", List.of("2026-11-01T00:00:00+02:00")),
            null);

    assertThat(answer.path("requestId").asString()).isEqualTo("r1");
    assertThat(gong.lastRequest("/v2/calls"))
        .startsWith("GET /v2/calls?fromDateTime=2026-11-01T00%3A00%3A00%2B02%3A00");
  }

  @Test
  void aReadPostSendsItsBody() {
    gong.answer("/v2/users/extensive", 200, "{\"users\":[]}");

    client.read(
        allowed("POST", "/v2/users/extensive"),
        "/v2/users/extensive",
        Map.of(),
        GongJson.mapper().readTree("{\"filter\":{}}"));

    assertThat(gong.lastRequest("/v2/users/extensive"))
        .isEqualTo("POST /v2/users/extensive {\"filter\":{}}");
  }

  @Test
  void gongsRefusalsMapAsForEveryOtherRequest() {
    gong.answer("/v2/users/42", 404, "{\"requestId\":\"r2\",\"errors\":[\"No user\"]}");

    assertThatThrownBy(
            () -> client.read(allowed("GET", "/v2/users/42"), "/v2/users/42", Map.of(), null))
        .isInstanceOfSatisfying(
            GongApiException.Rejected.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void aPathOrParameterThatCouldLeaveTheBaseUrlIsRefusedBeforeAnyRequest() {
    GongReadOperations.Operation calls = allowed("GET", "/v2/calls");

    assertThatThrownBy(() -> client.read(calls, "/v2/calls@evil.example", Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.read(calls, "/v2/users", Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.read(calls, "/v2/calls", Map.of("a&b=c", List.of("1")), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(gong.requests("/v2/calls")).isZero();
  }
}

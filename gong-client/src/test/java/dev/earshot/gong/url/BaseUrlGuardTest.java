package dev.earshot.gong.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.gong.client.GongJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class BaseUrlGuardTest {

  private final BaseUrlGuard guard = BaseUrlGuard.gongOnly();

  @ParameterizedTest
  @CsvSource({
    "https://us-1234.api.gong.io, https://us-1234.api.gong.io",
    "https://us-1234.api.gong.io/, https://us-1234.api.gong.io",
    "us-1234.api.gong.io, https://us-1234.api.gong.io",
    "  https://Company-17.API.Gong.io  , https://company-17.api.gong.io",
    "https://api.gong.io:443, https://api.gong.io"
  })
  void normalisesSchemeCaseAndTrailingSlash(String input, String expected) {
    assertThat(guard.check(input).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://gong.io.evil.com",
        "https://evilgong.io",
        "https://us-1.api.gong.io.evil.com",
        "https://evil.com#.gong.io",
        "https://evil.com/?x=.gong.io",
        "https://evil.com\\@us-1.api.gong.io",
        "https://api.gong.io@evil.com",
        "https://user:pw@us-1.api.gong.io",
        "http://us-1.api.gong.io",
        "ftp://us-1.api.gong.io",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://127.0.0.1",
        "https://[::1]",
        "https://169.254.169.254",
        "https://2130706433",
        "https://0x7f.0.0.1",
        "https://us-1.api.gong.io:8443",
        "https://localhost",
        "https://us-1.api.gong.io%2eevil.com",
        "https://*.gong.io",
        "https://us-1.api.gong.io/v2/../../evil",
        "https://api.gong.io.",
        "https://gong.io",
        "",
        "   "
      })
  void refusesHostileOrForeignUrlsBeforeAnyRequestLeaves(String hostile) {
    assertThatThrownBy(() -> guard.check(hostile)).isInstanceOf(BaseUrlRefused.class);
  }

  /** Gong's web-app host is what admins see in the browser; it is never the API (field case 12). */
  @ParameterizedTest
  @CsvSource({
    "https://us-12345.app.gong.io, https://us-12345.api.gong.io",
    "us-66463.app.gong.io/, https://us-66463.api.gong.io",
    "HTTPS://EU-7.APP.GONG.IO, https://eu-7.api.gong.io",
    "https://us-12345.app.gong.io/call?id=7782342274025937895, https://us-12345.api.gong.io",
    "https://us-14321.app.gong.io/settings/api/documentation, https://us-14321.api.gong.io",
  })
  void theWebAppHostIsRefusedNamingTheApiHost(String pasted, String apiHost) {
    assertThatThrownBy(() -> guard.check(pasted))
        .isInstanceOfSatisfying(
            BaseUrlRefused.class,
            e -> {
              assertThat(e.policy()).isEqualTo("NotTheWebAppHost");
              assertThat(e.getMessage()).contains(apiHost);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"app.gong.io", "https://app.gong.io/", "https://app.gong.io/v2"})
  void theBareWebAppHostIsRefusedPointingToTheApiPage(String pasted) {
    assertThatThrownBy(() -> guard.check(pasted))
        .isInstanceOfSatisfying(
            BaseUrlRefused.class,
            e -> assertThat(e.getMessage()).contains("web app").contains("API page"));
  }

  /** Bases copied from tools that glue the version to the host (dust-tt's gong_api.ts). */
  @ParameterizedTest
  @CsvSource({
    "https://us-12345.api.gong.io/v2, https://us-12345.api.gong.io",
    "https://api.gong.io/v2/, https://api.gong.io",
    "us-12345.api.gong.io/V2, https://us-12345.api.gong.io",
  })
  void aPastedVersionPathIsStripped(String pasted, String expected) {
    assertThat(guard.check(pasted).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.gong.io/v2/calls",
        "https://api.gong.io/v3",
        "https://api.gong.io/v2?x=1",
        "https://api.gong.io/v2#x"
      })
  void onlyABareVersionPathIsStripped(String pasted) {
    assertThatThrownBy(() -> guard.check(pasted))
        .isInstanceOfSatisfying(
            BaseUrlRefused.class, e -> assertThat(e.policy()).isEqualTo("NothingAfterTheHost"));
  }

  /**
   * Every entry of field case 12's table: what admins really paste, and the outcome the case
   * expects (a 201 stores the normalised URL; a 400 refuses before any request).
   */
  @Test
  void fieldCase12WhatAdminsPaste() throws Exception {
    Path inputs = Path.of("../../shared/field-cases/12-base-url-typed-by-admin/inputs.json");
    assumeTrue(Files.exists(inputs), "field case 12 is not available here");
    JsonNode cases = GongJson.mapper().readTree(Files.readString(inputs));
    assertThat(cases.size()).isGreaterThan(5);
    for (JsonNode entry : cases) {
      String pasted = entry.path("baseUrl").asString();
      JsonNode expect = entry.path("expect");
      JsonNode status = expect.path("status");
      if (status.isNumber() && status.asInt() == 400) {
        assertThatThrownBy(() -> guard.check(pasted)).as(pasted).isInstanceOf(BaseUrlRefused.class);
        String problem = expect.path("problem").asString("");
        Matcher apiHost = API_HOST.matcher(problem);
        if (apiHost.find()) {
          assertThatThrownBy(() -> guard.check(pasted))
              .as(pasted)
              .hasMessageContaining(apiHost.group());
        }
      } else {
        String stored =
            expect.has("stored")
                ? expect.path("stored").asString()
                : storedIn(status.asString()).orElseThrow();
        assertThat(guard.check(pasted).toString()).as(pasted).isEqualTo(stored);
      }
    }
  }

  private static final Pattern API_HOST = Pattern.compile("[a-z0-9-]+\\.api\\.gong\\.io");

  /** "201 (stored https://...) or 400 ..." names the URL a 201 stores. */
  private static Optional<String> storedIn(String text) {
    Matcher m = Pattern.compile("stored (https://[^) ]+)").matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  @Test
  void namesThePolicyThatRefused() {
    assertThatThrownBy(() -> guard.check("http://us-1.api.gong.io"))
        .isInstanceOfSatisfying(
            BaseUrlRefused.class, e -> assertThat(e.policy()).isEqualTo("HttpsOnly"));
    assertThatThrownBy(() -> guard.check("https://evilgong.io"))
        .isInstanceOfSatisfying(
            BaseUrlRefused.class, e -> assertThat(e.policy()).isEqualTo("HostEndsInGongIo"));
  }

  @Test
  void theLocalProfileAllowsOnlyTheExactSimulatorOrigin() {
    BaseUrlGuard local = BaseUrlGuard.allowingLocal(Set.of("http://localhost:8090"));

    assertThat(local.check("http://localhost:8090/").toString()).isEqualTo("http://localhost:8090");
    assertThat(local.check("https://us-1.api.gong.io").toString())
        .isEqualTo("https://us-1.api.gong.io");
    assertThatThrownBy(() -> local.check("http://localhost:8091"))
        .isInstanceOf(BaseUrlRefused.class);
    assertThatThrownBy(() -> local.check("http://127.0.0.1:8090"))
        .isInstanceOf(BaseUrlRefused.class);
    assertThatThrownBy(() -> BaseUrlGuard.allowingLocal(Set.of("http://intranet.example:80")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

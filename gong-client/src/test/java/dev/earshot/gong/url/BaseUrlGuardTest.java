package dev.earshot.gong.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

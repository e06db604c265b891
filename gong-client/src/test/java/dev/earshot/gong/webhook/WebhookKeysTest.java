package dev.earshot.gong.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookKeysTest {

  @Test
  void aKeyMatchesItsOwnHashOnly() {
    String key = WebhookKeys.newKey();
    String hash = WebhookKeys.hash(key);

    assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(hash).hasSize(64).matches("[0-9a-f]+");
    assertThat(WebhookKeys.matches(key, hash)).isTrue();
    assertThat(WebhookKeys.matches(key + "x", hash)).isFalse();
    assertThat(WebhookKeys.matches(WebhookKeys.newKey(), hash)).isFalse();
  }

  @Test
  void missingOrMalformedInputNeverMatches() {
    String hash = WebhookKeys.hash("k");

    assertThat(WebhookKeys.matches(null, hash)).isFalse();
    assertThat(WebhookKeys.matches("k", null)).isFalse();
    assertThat(WebhookKeys.matches("k", "zz".repeat(32))).isFalse();
    assertThat(WebhookKeys.matches("k", hash.substring(2))).isFalse();
  }

  @Test
  void aPublicKeyMustBeAnRsaPemOfAtLeast2048Bits() {
    assertThatThrownBy(() -> WebhookPublicKey.parse(""))
        .isInstanceOf(WebhookPublicKey.Invalid.class);
    assertThatThrownBy(() -> WebhookPublicKey.parse("-----BEGIN PUBLIC KEY-----\n!!!\n"))
        .isInstanceOf(WebhookPublicKey.Invalid.class);
    assertThatThrownBy(
            () ->
                WebhookPublicKey.parse(
                    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"))
        .isInstanceOf(WebhookPublicKey.Invalid.class);
  }
}

package dev.earshot.ingest.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TinkCredentialCipherTest {

  static final byte[] SECRET = "secret-xyz".getBytes(StandardCharsets.UTF_8);
  static final byte[] ROW_A = "row-a".getBytes(StandardCharsets.UTF_8);

  @Test
  void aCiphertextOnlyOpensForItsOwnRow() throws Exception {
    TinkCredentialCipher cipher =
        new TinkCredentialCipher(dev.earshot.ingest.crypto.KeysetLoader.generate());

    byte[] sealed = cipher.encrypt(SECRET, ROW_A);

    assertThat(cipher.decrypt(sealed, ROW_A)).isEqualTo(SECRET);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret-xyz");
    assertThatThrownBy(() -> cipher.decrypt(sealed, "row-b".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(TinkCredentialCipher.CredentialsUnreadable.class);
  }

  @Test
  void afterRotationTheNewPrimaryEncryptsAndOldCiphertextsStillOpen() throws Exception {
    KeysetHandle v1 = dev.earshot.ingest.crypto.KeysetLoader.generate();
    TinkCredentialCipher before = new TinkCredentialCipher(v1);
    byte[] old = before.encrypt(SECRET, ROW_A);

    KeysetHandle v2 = KeysetRotation.withNewPrimary(v1);
    TinkCredentialCipher after = new TinkCredentialCipher(v2);
    byte[] fresh = after.encrypt(SECRET, ROW_A);

    assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
    assertThat(after.keyIdOf(old)).isEqualTo(before.primaryKeyId());
    assertThat(after.keyIdOf(fresh)).isEqualTo(after.primaryKeyId());
    assertThat(after.decrypt(old, ROW_A)).isEqualTo(SECRET);
    assertThatThrownBy(() -> before.decrypt(fresh, ROW_A))
        .isInstanceOf(TinkCredentialCipher.CredentialsUnreadable.class);
  }

  @Test
  void aKeysetSurvivesSerialisation() throws Exception {
    KeysetHandle keyset = dev.earshot.ingest.crypto.KeysetLoader.generate();
    byte[] sealed = new TinkCredentialCipher(keyset).encrypt(SECRET, ROW_A);

    KeysetHandle loaded = KeysetLoader.load(KeysetLoader.serialize(keyset), null, false);

    assertThat(new TinkCredentialCipher(loaded).decrypt(sealed, ROW_A)).isEqualTo(SECRET);
  }

  @Test
  void noKeysetIsAClearStartupError() {
    assertThatThrownBy(() -> KeysetLoader.load("", null, false))
        .hasMessageContaining("EARSHOT_INGEST_KEYSET");
  }
}

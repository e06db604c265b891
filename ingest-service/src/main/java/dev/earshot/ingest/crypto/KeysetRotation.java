package dev.earshot.ingest.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/**
 * Key rotation, step one: a keyset with a new AES-256-GCM primary key and every old key kept for
 * decryption. Mount it, let {@code ReEncryptingCredentials} run, then old keys may be disabled.
 */
public final class KeysetRotation {

  private KeysetRotation() {}

  public static KeysetHandle withNewPrimary(KeysetHandle current) throws GeneralSecurityException {
    KeysetLoader.generate(); // registers Tink's AEAD key managers

    // makePrimary() on the new entry takes the primary flag from the old one.
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
    builder.addEntry(
        KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
            .withRandomId()
            .makePrimary());
    return builder.build();
  }

  /** Prints a rotated keyset: {@code java ... KeysetRotation < current.json > next.json}. */
  public static void main(String[] args) throws Exception {
    String current = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    System.out.println(KeysetLoader.serialize(withNewPrimary(KeysetLoader.parse(current))));
  }
}

package dev.earshot.ingest.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * Tink AEAD over a keyset with AES-256-GCM keys. Tink prefixes each ciphertext with the id of the
 * key that made it, so after a rotation old ciphertexts still decrypt and the re-encryption job can
 * find them.
 */
public final class TinkCredentialCipher implements CredentialCipher {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink AEAD is unavailable", e);
    }
  }

  private final Aead aead;
  private final long primaryKeyId;

  public TinkCredentialCipher(KeysetHandle keyset) {
    try {
      this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the keyset has no usable AEAD key", e);
    }
    this.primaryKeyId = Integer.toUnsignedLong(keyset.getKeysetInfo().getPrimaryKeyId());
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    try {
      return aead.encrypt(plaintext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new CredentialsUnreadable("encryption failed", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
    try {
      return aead.decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new CredentialsUnreadable("credentials cannot be decrypted with the current keyset", e);
    }
  }

  @Override
  public long primaryKeyId() {
    return primaryKeyId;
  }

  @Override
  public long keyIdOf(byte[] ciphertext) {
    if (ciphertext.length < 5) {
      return -1;
    }
    return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
  }

  /** A ciphertext that does not open: wrong key, tampered, or moved to another row. */
  public static final class CredentialsUnreadable extends RuntimeException {
    CredentialsUnreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

package dev.earshot.ingest.crypto;

/** Encrypts credentials for storage; the associated data binds a ciphertext to its row. */
public interface CredentialCipher {

  byte[] encrypt(byte[] plaintext, byte[] associatedData);

  byte[] decrypt(byte[] ciphertext, byte[] associatedData);

  /** Id of the key new ciphertexts are made with. */
  long primaryKeyId();

  /** Id of the key a ciphertext was made with. */
  long keyIdOf(byte[] ciphertext);
}

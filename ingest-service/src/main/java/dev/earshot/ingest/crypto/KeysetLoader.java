package dev.earshot.ingest.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the credentials keyset comes from: an environment variable holding the keyset JSON, or a
 * mounted file. The local profile generates a file on first start and says so.
 */
public final class KeysetLoader {

  private static final Logger log = LoggerFactory.getLogger(KeysetLoader.class);

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeysetLoader() {}

  public static KeysetHandle load(String keysetJson, Path keysetFile, boolean generateIfMissing) {
    try {
      if (keysetJson != null && !keysetJson.isBlank()) {
        return parse(keysetJson);
      }
      if (keysetFile != null && Files.exists(keysetFile)) {
        return parse(Files.readString(keysetFile));
      }
      if (keysetFile != null && generateIfMissing) {
        KeysetHandle generated = generate();
        Files.createDirectories(keysetFile.toAbsolutePath().getParent());
        Files.writeString(keysetFile, serialize(generated));
        restrict(keysetFile);
        log.atWarn()
            .addKeyValue("keysetFile", keysetFile.toAbsolutePath())
            .log("generated a local credentials keyset; production must mount one instead");
        return generated;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the credentials keyset", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the credentials keyset is not valid", e);
    }
    throw new IllegalStateException(
        "no credentials keyset: set EARSHOT_INGEST_KEYSET (keyset JSON) or earshot.ingest.crypto.keyset-file");
  }

  /** A new keyset with one AES-256-GCM key. */
  public static KeysetHandle generate() throws GeneralSecurityException {
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
  }

  public static KeysetHandle parse(String json) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
  }

  public static String serialize(KeysetHandle keyset) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      log.atWarn()
          .addKeyValue("keysetFile", file)
          .log("could not restrict keyset file permissions");
    }
  }
}

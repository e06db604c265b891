package dev.earshot.ingest.connection;

import dev.earshot.ingest.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * After a key rotation (a new primary key added to the keyset, old keys kept for decryption),
 * re-encrypts every stored credential under the primary key, in batches, so old keys can later be
 * disabled. Runs hourly and on demand.
 */
@Service
public class ReEncryptingCredentials {

  private static final Logger log = LoggerFactory.getLogger(ReEncryptingCredentials.class);

  private final ConnectionRepository connections;
  private final SecretsCodec codec;

  ReEncryptingCredentials(ConnectionRepository connections, SecretsCodec codec) {
    this.connections = connections;
    this.codec = codec;
  }

  @Scheduled(
      fixedDelayString = "#{" + IngestProperties.BEAN + ".reencryptInterval()}",
      initialDelayString = "#{" + IngestProperties.BEAN + ".reencryptInterval()}")
  public void scheduled() {
    reEncryptAll();
  }

  /** Returns how many credentials it re-encrypted. */
  @Transactional
  public int reEncryptAll() {
    long primary = codec.primaryKeyId();
    int total = 0;
    var batch = connections.lockEncryptedUnderOtherKeys(primary, 100);
    while (!batch.isEmpty()) {
      for (ConnectionRepository.Stored stored : batch) {
        GongSecrets secrets = codec.open(stored.connection().id(), stored.credentials());
        connections.reEncrypt(
            stored.connection().id(), codec.seal(stored.connection().id(), secrets), primary);
        total++;
      }
      batch = connections.lockEncryptedUnderOtherKeys(primary, 100);
    }
    if (total > 0) {
      log.atInfo()
          .addKeyValue("count", total)
          .addKeyValue("keyId", primary)
          .log("re-encrypted credentials");
    }
    return total;
  }
}

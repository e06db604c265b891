package dev.earshot.ingest.connection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Connections in PostgreSQL (schema {@code ingest}); the only place that touches the table. */
@Repository
public class ConnectionRepository {

  /**
   * A connection with its encrypted credentials.
   *
   * @param tokenRefresh {@code OUTCOME_UNKNOWN} after a refresh whose answer never came, {@code
   *     HELD} once Gong then refused the old refresh token; null otherwise
   */
  public record Stored(WorkspaceConnection connection, byte[] credentials, String tokenRefresh) {

    public boolean refreshOutcomeUnknown() {
      return OUTCOME_UNKNOWN.equals(tokenRefresh);
    }
  }

  static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";
  static final String HELD = "HELD";

  private final JdbcClient jdbc;

  ConnectionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(WorkspaceConnection c, byte[] credentials, long keyId) {
    jdbc.sql(
            """
            insert into connection (id, org_id, auth_kind, base_url, status, status_reason, scopes,
              masked_key, masked_secret, credentials, credentials_key, token_expires_at,
              webhook_key_hash, webhook_public_key, created_at, updated_at)
            values (:id, :org, :kind, :baseUrl, :status, :reason, :scopes, :maskedKey, :maskedSecret,
              :credentials, :keyId, :expires, :hookHash, :hookKey, :created, :updated)
            """)
        .param("id", c.id())
        .param("org", c.orgId())
        .param("kind", c.authKind().name())
        .param("baseUrl", c.baseUrl())
        .param("status", c.status().name())
        .param("reason", c.statusReason())
        .param("scopes", String.join(" ", c.scopes()))
        .param("maskedKey", c.maskedKey())
        .param("maskedSecret", c.maskedSecret())
        .param("credentials", credentials)
        .param("keyId", keyId)
        .param("expires", ts(c.tokenExpiresAt()))
        .param("hookHash", c.webhookKeyHash())
        .param("hookKey", c.webhookPublicKey())
        .param("created", ts(c.createdAt()))
        .param("updated", ts(c.updatedAt()))
        .update();
  }

  public Optional<Stored> findLive(String orgId) {
    return jdbc.sql("select * from connection where org_id = :org and status <> 'DISCONNECTED'")
        .param("org", orgId)
        .query(ConnectionRepository::stored)
        .optional();
  }

  /**
   * Connections Earshot may call Gong through at {@code now}: {@link ConnectionState#usable()} and
   * not paused.
   */
  List<Stored> usable(Instant now) {
    return jdbc.sql(
            """
            select * from connection
             where status in ('CONNECTED', 'WEBHOOK_SUBSCRIPTION_FAILED')
               and (paused_until is null or paused_until <= :now)
            """)
        .param("now", ts(now))
        .query(ConnectionRepository::stored)
        .list();
  }

  /**
   * Reads a connection and locks its row until the caller's transaction ends: whoever publishes its
   * state holds the lock from read to acknowledged send, so no newer state can commit in between
   * and publications of one connection go out one at a time.
   */
  Optional<Stored> lockForPublishing(UUID id) {
    return jdbc.sql("select * from connection where id = :id for update")
        .param("id", id)
        .query(ConnectionRepository::stored)
        .optional();
  }

  Optional<Stored> find(UUID id) {
    return jdbc.sql("select * from connection where id = :id")
        .param("id", id)
        .query(ConnectionRepository::stored)
        .optional();
  }

  /**
   * Locks the live OAuth connection whose token expires first before {@code due}, leaving out
   * {@code tried} ones, refreshes held after a lost answer, unauthorized and disconnected ones;
   * other replicas skip it (the lock lasts until the caller's transaction ends).
   */
  public Optional<Stored> lockNextDueForRefresh(Instant due, Collection<UUID> tried) {
    return jdbc.sql(
            """
            select * from connection
             where auth_kind = 'OAUTH'
               and status in ('CONNECTED', 'WEBHOOK_SUBSCRIPTION_FAILED', 'INSUFFICIENT_SCOPE',
                              'FORBIDDEN')
               and token_expires_at < :due
               and (token_refresh is null or token_refresh <> 'HELD')
               and id not in (:tried)
             order by token_expires_at limit 1
             for update skip locked
            """)
        .param("due", ts(due))
        .param("tried", tried.isEmpty() ? List.of(new UUID(0, 0)) : tried)
        .query(ConnectionRepository::stored)
        .optional();
  }

  /** Stores refreshed OAuth tokens; the refresh's outcome is known again. */
  public void storeRefreshed(
      UUID id, byte[] credentials, long keyId, Instant expiresAt, Instant now) {
    jdbc.sql(
            """
            update connection set credentials = :credentials, credentials_key = :keyId,
              token_expires_at = :expires, token_refresh = null, token_refresh_at = :now,
              updated_at = :now where id = :id
            """)
        .param("credentials", credentials)
        .param("keyId", keyId)
        .param("expires", ts(expiresAt))
        .param("now", ts(now))
        .param("id", id)
        .update();
  }

  /** A refresh got no answer: Gong may or may not have rotated the refresh token. */
  public void markRefreshOutcomeUnknown(UUID id, Instant now) {
    jdbc.sql(
            """
            update connection set token_refresh = 'OUTCOME_UNKNOWN', token_refresh_at = :now
             where id = :id
            """)
        .param("now", ts(now))
        .param("id", id)
        .update();
  }

  /**
   * Gong refused the old refresh token after a refresh whose answer was lost: no more automatic
   * refreshes; {@code reason} tells the admin (the status does not change).
   */
  public void holdRefresh(UUID id, String reason, Instant now) {
    jdbc.sql(
            """
            update connection set token_refresh = 'HELD', token_refresh_at = :now,
              status_reason = :reason, updated_at = :now where id = :id
            """)
        .param("reason", reason)
        .param("now", ts(now))
        .param("id", id)
        .update();
  }

  /** Locks rows whose credentials were encrypted under another key than {@code primaryKeyId}. */
  List<Stored> lockEncryptedUnderOtherKeys(long primaryKeyId, int limit) {
    return jdbc.sql(
            """
            select * from connection
             where credentials is not null and credentials_key <> :primary
             limit :limit for update skip locked
            """)
        .param("primary", primaryKeyId)
        .param("limit", limit)
        .query(ConnectionRepository::stored)
        .list();
  }

  void updateCredentials(
      UUID id,
      byte[] credentials,
      long keyId,
      String maskedKey,
      String maskedSecret,
      Instant tokenExpiresAt,
      Instant now) {
    jdbc.sql(
            """
            update connection set credentials = :credentials, credentials_key = :keyId,
              masked_key = :maskedKey, masked_secret = :maskedSecret,
              token_expires_at = :expires, updated_at = :now where id = :id
            """)
        .param("credentials", credentials)
        .param("keyId", keyId)
        .param("maskedKey", maskedKey)
        .param("maskedSecret", maskedSecret)
        .param("expires", ts(tokenExpiresAt))
        .param("now", ts(now))
        .param("id", id)
        .update();
  }

  void reEncrypt(UUID id, byte[] credentials, long keyId) {
    jdbc.sql(
            "update connection set credentials = :credentials, credentials_key = :keyId where id = :id")
        .param("credentials", credentials)
        .param("keyId", keyId)
        .param("id", id)
        .update();
  }

  /** Whether another live connection (another org's) already uses {@code baseUrl}. */
  boolean baseUrlTakenByAnother(UUID id, String baseUrl) {
    return jdbc.sql(
            """
            select exists (select 1 from connection
                            where base_url = :baseUrl and id <> :id and status <> 'DISCONNECTED')
            """)
        .param("baseUrl", baseUrl)
        .param("id", id)
        .query(Boolean.class)
        .single();
  }

  /**
   * @throws org.springframework.dao.DuplicateKeyException when another live connection took the URL
   *     meanwhile
   */
  void updateBaseUrl(UUID id, String baseUrl, Instant now) {
    jdbc.sql("update connection set base_url = :baseUrl, updated_at = :now where id = :id")
        .param("baseUrl", baseUrl)
        .param("now", ts(now))
        .param("id", id)
        .update();
  }

  /** A new webhook key (its hash) and, for signed-JWT rules, Gong's public key (else null). */
  void updateWebhookAuth(UUID id, String keyHash, String publicKey, Instant now) {
    jdbc.sql(
            """
            update connection set webhook_key_hash = :hash, webhook_public_key = :key,
              updated_at = :now where id = :id
            """)
        .param("hash", keyHash)
        .param("key", publicKey)
        .param("now", ts(now))
        .param("id", id)
        .update();
  }

  void updateStatus(UUID id, ConnectionState status, String reason, Instant now) {
    jdbc.sql(
            "update connection set status = :status, status_reason = :reason, updated_at = :now where id = :id")
        .param("status", status.name())
        .param("reason", reason)
        .param("now", ts(now))
        .param("id", id)
        .update();
  }

  /**
   * Moves a live connection to a held status unless it already has it: one transition however many
   * loops, replicas or checks meet the same refusal at once (PostgreSQL re-checks the condition
   * after waiting for a concurrent update of the row).
   *
   * @return whether this call changed it
   */
  boolean hold(UUID id, ConnectionState status, String reason, Instant now) {
    return jdbc.sql(
                """
                update connection set status = :status, status_reason = :reason, updated_at = :now
                 where id = :id and status <> :status and status <> 'DISCONNECTED'
                """)
            .param("status", status.name())
            .param("reason", reason)
            .param("now", ts(now))
            .param("id", id)
            .update()
        == 1;
  }

  /**
   * Pauses a live connection until {@code until}, in the caller's transaction (a later pause
   * already set is kept).
   *
   * @return whether it was not paused at {@code now} before this call (false for a disconnected or
   *     unknown connection)
   */
  boolean pause(UUID id, Instant until, String reason, Instant now) {
    List<Optional<Instant>> before =
        jdbc.sql(
                "select paused_until from connection where id = :id and status <> 'DISCONNECTED'"
                    + " for update")
            .param("id", id)
            .query((rs, row) -> Optional.ofNullable(instant(rs.getTimestamp("paused_until"))))
            .list();
    if (before.isEmpty()) {
      return false;
    }
    Optional<Instant> previous = before.getFirst();
    if (previous.isEmpty() || previous.get().isBefore(until)) {
      jdbc.sql("update connection set paused_until = :until, pause_reason = :reason where id = :id")
          .param("until", ts(until))
          .param("reason", reason)
          .param("id", id)
          .update();
    }
    return previous.filter(p -> p.isAfter(now)).isEmpty();
  }

  /**
   * Clears a held status (back to {@code connected}) and any pause.
   *
   * @return whether the status changed
   */
  boolean release(UUID id, Instant now) {
    jdbc.sql("update connection set paused_until = null, pause_reason = null where id = :id")
        .param("id", id)
        .update();
    return jdbc.sql(
                """
                update connection set status = 'CONNECTED', status_reason = null, updated_at = :now
                 where id = :id and status in ('UNAUTHORIZED', 'FORBIDDEN', 'INSUFFICIENT_SCOPE')
                """)
            .param("now", ts(now))
            .param("id", id)
            .update()
        == 1;
  }

  void recordHealth(UUID id, HealthCheck health) {
    jdbc.sql(
            """
            update connection set health_at = :at, health_ok = :ok, health_users = :users,
              health_detail = :detail where id = :id
            """)
        .param("at", ts(health.at()))
        .param("ok", health.ok())
        .param("users", health.users())
        .param("detail", health.detail())
        .param("id", id)
        .update();
  }

  /** Disconnect: the row stays (history), the credentials go. */
  public void disconnect(UUID id, Instant now) {
    jdbc.sql(
            """
            update connection set status = 'DISCONNECTED', status_reason = 'disconnected by an admin',
              credentials = null, credentials_key = null, masked_key = null, masked_secret = null,
              token_expires_at = null, updated_at = :now where id = :id
            """)
        .param("now", ts(now))
        .param("id", id)
        .update();
  }

  private static Stored stored(ResultSet rs, int row) throws SQLException {
    HealthCheck health =
        rs.getTimestamp("health_at") == null
            ? null
            : new HealthCheck(
                rs.getTimestamp("health_at").toInstant(),
                rs.getBoolean("health_ok"),
                rs.getInt("health_users"),
                rs.getString("health_detail"));
    Set<String> scopes = new LinkedHashSet<>(Arrays.asList(rs.getString("scopes").split(" ")));
    scopes.remove("");
    WorkspaceConnection connection =
        new WorkspaceConnection(
            rs.getObject("id", UUID.class),
            rs.getString("org_id"),
            AuthMethod.valueOf(rs.getString("auth_kind")),
            rs.getString("base_url"),
            ConnectionState.valueOf(rs.getString("status")),
            rs.getString("status_reason"),
            Set.copyOf(scopes),
            rs.getString("masked_key"),
            rs.getString("masked_secret"),
            instant(rs.getTimestamp("token_expires_at")),
            health,
            rs.getString("webhook_key_hash"),
            rs.getString("webhook_public_key"),
            instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("updated_at")),
            instant(rs.getTimestamp("paused_until")),
            rs.getString("pause_reason"));
    return new Stored(connection, rs.getBytes("credentials"), rs.getString("token_refresh"));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  /** Connection-state publications (Spring Modulith's registry) Kafka has not acknowledged yet. */
  long pendingPublications() {
    return jdbc.sql("select count(*) from event_publication where completion_date is null")
        .query(Long.class)
        .single();
  }
}

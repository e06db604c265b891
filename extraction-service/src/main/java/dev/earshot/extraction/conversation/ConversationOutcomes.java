package dev.earshot.extraction.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversation outcomes in PostgreSQL ({@code extraction.conversation_outcome}), by org. */
@Repository
class ConversationOutcomes {

  private final JdbcClient jdbc;

  ConversationOutcomes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ConversationOutcome> find(String orgId, String callId) {
    return jdbc.sql("select * from conversation_outcome where org_id = :org and call_id = :call")
        .param("org", orgId)
        .param("call", callId)
        .query(ConversationOutcomes::row)
        .optional();
  }

  /** Writes the call's outcome, replacing the one it had. */
  void save(ConversationOutcome o) {
    jdbc.sql(
            "insert into conversation_outcome (org_id, call_id, status, reason, matched_by,"
                + " evidence, company_id, company_name, published_hash, has_summary,"
                + " source_partition, source_offset, publications, first_seen_at, updated_at)"
                + " values (:org, :call, :status, :reason, :matchedBy, :evidence, :companyId,"
                + " :companyName, :hash, :hasSummary, :partition, :offset, :publications,"
                + " :firstSeen, :updated)"
                + " on conflict (org_id, call_id) do update set status = excluded.status,"
                + " reason = excluded.reason, matched_by = excluded.matched_by,"
                + " evidence = excluded.evidence, company_id = excluded.company_id,"
                + " company_name = excluded.company_name, published_hash = excluded.published_hash,"
                + " has_summary = excluded.has_summary,"
                + " source_partition = excluded.source_partition,"
                + " source_offset = excluded.source_offset, publications = excluded.publications,"
                + " updated_at = excluded.updated_at")
        .param("org", o.orgId())
        .param("call", o.callId())
        .param("status", o.mapped() ? "mapped" : "unmapped")
        .param("reason", o.reason())
        .param("matchedBy", o.matchedBy())
        .param("evidence", o.evidence())
        .param("companyId", o.companyId())
        .param("companyName", o.companyName())
        .param("hash", o.publishedHash())
        .param("hasSummary", o.hasSummary())
        .param("partition", o.sourcePartition() < 0 ? null : o.sourcePartition())
        .param("offset", o.sourceOffset() < 0 ? null : o.sourceOffset())
        .param("publications", o.publications())
        .param("firstSeen", Timestamp.from(o.firstSeenAt()))
        .param("updated", Timestamp.from(o.updatedAt()))
        .update();
  }

  private static ConversationOutcome row(ResultSet rs, int n) throws SQLException {
    int partition = rs.getInt("source_partition");
    boolean noPartition = rs.wasNull();
    long offset = rs.getLong("source_offset");
    boolean noOffset = rs.wasNull();
    return new ConversationOutcome(
        rs.getString("org_id"),
        rs.getString("call_id"),
        "mapped".equals(rs.getString("status")),
        rs.getString("reason"),
        rs.getString("matched_by"),
        rs.getString("evidence"),
        rs.getString("company_id"),
        rs.getString("company_name"),
        rs.getString("published_hash"),
        rs.getBoolean("has_summary"),
        noPartition ? -1 : partition,
        noOffset ? -1 : offset,
        rs.getInt("publications"),
        rs.getTimestamp("first_seen_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}

package dev.earshot.assistant.call;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code held_call} table: one row per org and call, the latest record of the call winning. */
@Repository
public class HeldCalls {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  HeldCalls(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Keeps the call unless a record fetched at the same time or later is already kept: a redelivery
   * (the same fetch) or an older copy changes nothing and is not written.
   *
   * @param fetchedAt when ingest-service fetched this record of the call
   * @return whether the row was written (false for a redelivery or an older copy)
   */
  public boolean keep(String orgId, HeldCall call, java.time.Instant fetchedAt) {
    return jdbc.sql(
                """
                insert into held_call (org_id, call_id, started_at, title, search_text, detail,
                                       fetched_at)
                values (:org, :id, :started, :title, :search, cast(:detail as jsonb), :fetched)
                on conflict (org_id, call_id) do update
                   set started_at = excluded.started_at, title = excluded.title,
                       search_text = excluded.search_text, detail = excluded.detail,
                       fetched_at = excluded.fetched_at
                 where held_call.fetched_at < excluded.fetched_at
                """)
            .param("org", orgId)
            .param("id", call.id())
            .param("started", Timestamp.from(call.started()))
            .param("title", call.title())
            .param("search", call.searchText())
            .param("detail", json.writeValueAsString(call))
            .param("fetched", Timestamp.from(fetchedAt))
            .update()
        == 1;
  }

  /** The org's calls matching the search, newest first. */
  public List<HeldCall> search(String orgId, CallSearch search) {
    StringBuilder sql =
        new StringBuilder(
            "select detail from held_call where org_id = :org and started_at >= :from and"
                + " started_at < :to");
    for (int i = 0; i < search.words().size(); i++) {
      sql.append(" and strpos(search_text, :w").append(i).append(") > 0");
    }
    sql.append(" order by started_at desc, call_id limit :limit");
    var statement =
        jdbc.sql(sql.toString())
            .param("org", orgId)
            .param("from", Timestamp.from(search.from()))
            .param("to", Timestamp.from(search.to()))
            .param("limit", search.limit());
    for (int i = 0; i < search.words().size(); i++) {
      statement = statement.param("w" + i, search.words().get(i));
    }
    return statement.query((rs, row) -> read(rs.getString("detail"))).list();
  }

  /**
   * The org's calls in {@code [from, to)} whose search text (title, participants, company) holds
   * {@code phrase} (lower case), newest first.
   */
  public List<HeldCall> withPhrase(
      String orgId, String phrase, java.time.Instant from, java.time.Instant to, int limit) {
    return jdbc.sql(
            """
            select detail from held_call
             where org_id = :org and started_at >= :from and started_at < :to
               and strpos(search_text, :phrase) > 0
             order by started_at desc, call_id limit :limit
            """)
        .param("org", orgId)
        .param("phrase", phrase)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .param("limit", limit)
        .query((rs, row) -> read(rs.getString("detail")))
        .list();
  }

  /**
   * The names seen on the org's calls in {@code [from, to)}: companies and participants' names,
   * distinct, for "did you mean".
   */
  public List<String> namesIn(String orgId, java.time.Instant from, java.time.Instant to) {
    return jdbc.sql(
            """
            select distinct name from (
              select detail->'company'->>'name' as name from held_call
               where org_id = :org and started_at >= :from and started_at < :to
              union
              select p->>'name' from held_call, jsonb_array_elements(detail->'participants') p
               where org_id = :org and started_at >= :from and started_at < :to
            ) names where name is not null and name <> ''
            """)
        .param("org", orgId)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(String.class)
        .list();
  }

  /** The org's call with this id. */
  public Optional<HeldCall> find(String orgId, String callId) {
    return jdbc.sql("select detail from held_call where org_id = :org and call_id = :id")
        .param("org", orgId)
        .param("id", callId)
        .query((rs, row) -> read(rs.getString("detail")))
        .optional();
  }

  private HeldCall read(String detail) {
    return json.readValue(detail, HeldCall.class);
  }
}

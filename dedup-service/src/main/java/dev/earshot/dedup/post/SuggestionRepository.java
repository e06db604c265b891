package dev.earshot.dedup.post;

import dev.earshot.dedup.board.MergeSuggestion;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.dedup.board.SuggestionEvidence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Merge suggestions in PostgreSQL ({@code dedup.merge_suggestion}), always read within an org. */
@Repository
class SuggestionRepository {

  /** Mentions of a candidate read for evidence: the most recent, at most this many. */
  static final int EVIDENCE_MENTIONS = 100;

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final TypeReference<List<QuoteRef>> QUOTES = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, org_id, post_id, candidate_id, score, item_quote, candidate_quote, status, created_at,"
          + " decided_at, decided_by";

  private final JdbcClient jdbc;

  SuggestionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the suggestion unless this pair of posts was suggested before, whatever became of it
   * (so a dismissed pair never returns); true when recorded. A decided one (a split records the
   * pair it separates as dismissed) keeps its decision's time and actor.
   */
  boolean insert(MergeSuggestion s) {
    return jdbc.sql(
                "insert into merge_suggestion (id, org_id, post_id, candidate_id, score,"
                    + " item_quote, candidate_quote, status, created_at, decided_at, decided_by)"
                    + " values (:id, :org, :post, :candidate, :score, :itemQuote, :candidateQuote,"
                    + " :status, :now, :decidedAt, :decidedBy) on conflict do nothing")
            .param("id", s.id())
            .param("org", s.orgId())
            .param("post", s.postId())
            .param("candidate", s.candidateId())
            .param("score", s.score())
            .param("itemQuote", s.evidence().itemQuote())
            .param("candidateQuote", s.evidence().candidateQuote())
            .param("status", s.status().apiName())
            .param("now", Timestamp.from(s.createdAt()))
            .param("decidedAt", s.decidedAt() == null ? null : Timestamp.from(s.decidedAt()))
            .param("decidedBy", s.decidedBy())
            .update()
        == 1;
  }

  /**
   * The posts of the open suggestions into {@code candidate} whose candidate evidence quotes one of
   * {@code quotes}: the posts a split of that mention re-announces ({@link #followSplit}), so it
   * locks them first ({@code candidate} itself is never one: a suggestion joins two posts).
   */
  Set<UUID> suggestedInto(UUID candidate, Collection<String> quotes) {
    if (quotes.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(
        jdbc.sql(
                "select post_id from merge_suggestion where status = 'open' and candidate_id ="
                    + " :candidate and candidate_quote in (:quotes)")
            .param("candidate", candidate)
            .param("quotes", quotes)
            .query(UUID.class)
            .list());
  }

  /**
   * After a mention was split off {@code from} into the new post {@code to}: the open suggestions
   * whose evidence on {@code from}'s side quotes one of the mention's {@code quotes} now name
   * {@code to} in its place, since that mention is what the evidence shows and what made them (the
   * item that started or joined the post, or the candidate's mention closest to the item) — on the
   * candidate side only those whose post is one of {@code lockedPosts} (the caller re-announces
   * them, and announces only posts it holds locked). Returns them as they are now.
   */
  List<MergeSuggestion> followSplit(
      UUID from, UUID to, Collection<String> quotes, Collection<UUID> lockedPosts) {
    if (quotes.isEmpty()) {
      return List.of();
    }
    List<MergeSuggestion> moved =
        new ArrayList<>(
            jdbc.sql(
                    "update merge_suggestion set post_id = :to where status = 'open' and post_id ="
                        + " :from and item_quote in (:quotes) returning "
                        + COLUMNS)
                .param("to", to)
                .param("from", from)
                .param("quotes", quotes)
                .query(SuggestionRepository::suggestion)
                .list());
    if (!lockedPosts.isEmpty()) {
      moved.addAll(
          jdbc.sql(
                  "update merge_suggestion set candidate_id = :to where status = 'open' and"
                      + " candidate_id = :from and candidate_quote in (:quotes) and post_id in"
                      + " (:locked) returning "
                      + COLUMNS)
              .param("to", to)
              .param("from", from)
              .param("quotes", quotes)
              .param("locked", lockedPosts)
              .query(SuggestionRepository::suggestion)
              .list());
    }
    return moved;
  }

  /** The candidate's most recent mentions, with their vectors and quotes, to pick evidence from. */
  List<SuggestionEvidence.CandidateMention> evidenceOf(UUID postId) {
    return jdbc.sql(
            "select vector, quotes::text quotes from mention where post_id = :post"
                + " order by created_at desc limit :limit")
        .param("post", postId)
        .param("limit", EVIDENCE_MENTIONS)
        .query(
            (rs, n) ->
                new SuggestionEvidence.CandidateMention(
                    PostVector.floats(rs.getBytes("vector")),
                    json.readValue(rs.getString("quotes"), QUOTES).stream()
                        .map(QuoteRef::text)
                        .toList()))
        .list();
  }

  /** The org's suggestion, locked for a decision. */
  Optional<MergeSuggestion> lock(String orgId, UUID id) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from merge_suggestion where id = :id and org_id = :org"
                + " for update")
        .param("id", id)
        .param("org", orgId)
        .query(SuggestionRepository::suggestion)
        .optional();
  }

  void decide(UUID id, MergeSuggestion.Status status, String actor, Instant now) {
    jdbc.sql(
            "update merge_suggestion set status = :status, decided_at = :now, decided_by = :actor"
                + " where id = :id")
        .param("status", status.apiName())
        .param("now", Timestamp.from(now))
        .param("actor", actor)
        .param("id", id)
        .update();
  }

  /** Closes the open suggestions of a post that no longer stands on its own; how many. */
  int closeInvolving(UUID postId, Instant now) {
    return jdbc.sql(
            "update merge_suggestion set status = 'closed', decided_at = :now,"
                + " decided_by = 'system' where status = 'open'"
                + " and (post_id = :post or candidate_id = :post)")
        .param("now", Timestamp.from(now))
        .param("post", postId)
        .update();
  }

  /** The org's open suggestions between live posts, highest score first, and how many in all. */
  ReviewingSuggestions.Page open(String orgId, int page, int size) {
    String filter =
        " from merge_suggestion s join post p on p.id = s.post_id join post c on c.id ="
            + " s.candidate_id where s.org_id = :org and s.status = 'open'"
            + " and p.merged_into is null and c.merged_into is null";
    long total =
        jdbc.sql("select count(*)" + filter).param("org", orgId).query(Long.class).single();
    List<ReviewingSuggestions.Listed> found =
        jdbc.sql(
                "select s.id, s.org_id, s.post_id, s.candidate_id, s.score, s.item_quote,"
                    + " s.candidate_quote, s.status, s.created_at, s.decided_at, s.decided_by,"
                    + " p.title post_title, c.title candidate_title"
                    + filter
                    + " order by s.score desc, s.created_at desc, s.id limit :limit offset :offset")
            .param("org", orgId)
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(SuggestionRepository::listed)
            .list();
    return new ReviewingSuggestions.Page(found, page, size, total);
  }

  /** The org's suggestion, whatever its status, with its posts' titles. */
  Optional<ReviewingSuggestions.Listed> find(String orgId, UUID id) {
    return jdbc.sql(
            "select s.id, s.org_id, s.post_id, s.candidate_id, s.score, s.item_quote,"
                + " s.candidate_quote, s.status, s.created_at, s.decided_at, s.decided_by,"
                + " p.title post_title, c.title candidate_title from merge_suggestion s"
                + " join post p on p.id = s.post_id join post c on c.id = s.candidate_id"
                + " where s.id = :id and s.org_id = :org")
        .param("id", id)
        .param("org", orgId)
        .query(SuggestionRepository::listed)
        .optional();
  }

  private static ReviewingSuggestions.Listed listed(ResultSet rs, int n) throws SQLException {
    return new ReviewingSuggestions.Listed(
        suggestion(rs, n), rs.getString("post_title"), rs.getString("candidate_title"));
  }

  static MergeSuggestion suggestion(ResultSet rs, int row) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new MergeSuggestion(
        rs.getObject("id", UUID.class),
        rs.getString("org_id"),
        rs.getObject("post_id", UUID.class),
        rs.getObject("candidate_id", UUID.class),
        rs.getDouble("score"),
        new MergeSuggestion.Evidence(rs.getString("item_quote"), rs.getString("candidate_quote")),
        MergeSuggestion.Status.fromApiName(rs.getString("status")),
        rs.getTimestamp("created_at").toInstant(),
        decided == null ? null : decided.toInstant(),
        rs.getString("decided_by"));
  }
}

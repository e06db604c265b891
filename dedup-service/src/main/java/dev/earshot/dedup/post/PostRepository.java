package dev.earshot.dedup.post;

import dev.earshot.dedup.board.ClearestTitle;
import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.NewMention;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostStatus;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.QuoteRef;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The post rows every change to the board shares (schema {@code dedup}): a new post, its vector,
 * the aggregates and title its mentions give it, the post read back; and the row mappers the
 * board's other repositories use. What each change adds lives beside it: {@link
 * ConsolidationRepository} (items placed), {@link ChangeRepository} (merges, splits, edits), {@link
 * HistoryRepository}, {@link PostPages} (what readers see), {@link CandidateRepository} (what
 * weighing candidates reads).
 */
@Repository
class PostRepository {

  static final JsonMapper json = JsonMapper.builder().build();
  private static final TypeReference<List<QuoteRef>> QUOTES = new TypeReference<>() {};

  static final String POST_COLUMNS =
      "id, org_id, board, category, kind, title, description, tags, status, mention_count,"
          + " first_seen, last_seen, highest_priority, negative, neutral, positive, deal_amount,"
          + " merged_into, created_at, updated_at";

  private final JdbcClient jdbc;

  PostRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertPost(UUID id, NewMention m, PostVector vector, String model, Instant now) {
    jdbc.sql(
            "insert into post (id, org_id, board, category, kind, title, description, tags, status,"
                + " mention_count, first_seen, last_seen, highest_priority, vector_sum,"
                + " embedding_model, created_at, updated_at)"
                + " values (:id, :org, :board, :category, :kind, :title, :description, :tags,"
                + " :status, 0, :seen, :seen, :priority, :vector, :model, :now, :now)")
        .param("id", id)
        .param("org", m.orgId())
        .param("board", m.board())
        .param("category", m.category())
        .param("kind", m.kind())
        .param("title", m.title())
        .param("description", m.description())
        .param("tags", m.tags().toArray(String[]::new))
        .param("status", PostStatus.OPEN.apiName())
        .param("seen", Timestamp.from(m.callStartedAt()))
        .param("priority", m.priority())
        .param("vector", PostVector.bytes(vector.sum()))
        .param("model", model)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** A new vector for the post (and tags, when given); it must be re-indexed. */
  void updateVector(PostVector vector, List<String> tags, Instant now) {
    jdbc.sql(
            "update post set vector_sum = :vector, tags = coalesce(:tags, tags),"
                + " indexed_at = null, updated_at = :now where id = :id")
        .param("vector", PostVector.bytes(vector.sum()))
        .param("tags", tags == null ? null : tags.toArray(String[]::new))
        .param("now", Timestamp.from(now))
        .param("id", vector.postId())
        .update();
  }

  /**
   * Recomputes what a post says about its mentions: count, first and last seen, highest priority,
   * tone, and the deal amount at stake (per distinct account its largest deal, summed; mentions
   * without an account add nothing).
   */
  void refreshAggregates(UUID postId, Instant now) {
    jdbc.sql(
            """
            update post p set
              mention_count = a.n, first_seen = coalesce(a.first_seen, p.first_seen),
              last_seen = coalesce(a.last_seen, p.last_seen),
              negative = a.negative, neutral = a.neutral, positive = a.positive,
              highest_priority = coalesce(a.highest, p.highest_priority),
              deal_amount = coalesce((
                select sum(largest) from (
                  select max(deal_amount) largest from mention
                  where post_id = :id and deal_amount is not null
                    and coalesce(account_id, account_name) is not null
                  group by coalesce(account_id, account_name)) per_account), 0),
              updated_at = :now
            from (
              select count(*) n, min(call_started_at) first_seen, max(call_started_at) last_seen,
                count(*) filter (where sentiment = 'NEGATIVE') negative,
                count(*) filter (where sentiment = 'NEUTRAL') neutral,
                count(*) filter (where sentiment = 'POSITIVE') positive,
                (array_agg(priority order by case priority when 'URGENT' then 4 when 'HIGH' then 3
                   when 'MEDIUM' then 2 when 'LOW' then 1 else 0 end desc))[1] highest
              from mention where post_id = :id) a
            where p.id = :id
            """)
        .param("id", postId)
        .param("now", Timestamp.from(now))
        .update();
  }

  PostVector vectorOf(UUID id) {
    return jdbc.sql("select id, vector_sum, mention_count from post where id = :id")
        .param("id", id)
        .query(PostRepository::vector)
        .single();
  }

  /** Its mentions' titles, oldest first. */
  private List<String> mentionTitles(UUID postId) {
    return jdbc.sql("select title from mention where post_id = :post order by created_at, id")
        .param("post", postId)
        .query(String.class)
        .list();
  }

  /**
   * Gives the post the clearest of its mentions' titles ({@link ClearestTitle}) unless a person
   * edited its title; true when the title changed.
   */
  boolean retitle(UUID postId, Instant now) {
    return retitle(postId, null, now);
  }

  /**
   * As {@link #retitle(UUID, Instant)} when one mention titled {@code arrived} joined: its title
   * only has to beat the current one, the clearest of the others already (one analysis per join,
   * however many mentions the post has).
   */
  boolean retitleWith(UUID postId, String arrived, Instant now) {
    return retitle(postId, arrived, now);
  }

  private boolean retitle(UUID postId, String arrived, Instant now) {
    var current =
        jdbc.sql("select title, title_edited from post where id = :id")
            .param("id", postId)
            .query((rs, n) -> Map.entry(rs.getString("title"), rs.getBoolean("title_edited")))
            .optional();
    if (current.isEmpty() || current.get().getValue()) {
      return false;
    }
    String title =
        ClearestTitle.among(
            current.get().getKey(),
            arrived == null ? mentionTitles(postId) : List.of(current.get().getKey(), arrived));
    if (title.equals(current.get().getKey())) {
      return false;
    }
    return jdbc.sql(
                "update post set title = :title, updated_at = :now"
                    + " where id = :id and not title_edited")
            .param("title", title)
            .param("now", Timestamp.from(now))
            .param("id", postId)
            .update()
        == 1;
  }

  Post get(UUID id) {
    return jdbc.sql("select " + POST_COLUMNS + " from post where id = :id")
        .param("id", id)
        .query(PostRepository::post)
        .single();
  }

  static PostVector vector(ResultSet rs, int row) throws SQLException {
    return new PostVector(
        rs.getObject("id", UUID.class),
        PostVector.floats(rs.getBytes("vector_sum")),
        rs.getInt("mention_count"));
  }

  static Post post(ResultSet rs, int row) throws SQLException {
    return new Post(
        rs.getObject("id", UUID.class),
        rs.getString("org_id"),
        rs.getString("board"),
        rs.getString("category"),
        rs.getString("kind"),
        rs.getString("title"),
        rs.getString("description"),
        strings(rs.getArray("tags")),
        PostStatus.fromApiName(rs.getString("status")),
        rs.getInt("mention_count"),
        rs.getTimestamp("first_seen").toInstant(),
        rs.getTimestamp("last_seen").toInstant(),
        rs.getString("highest_priority"),
        new Post.SentimentCounts(
            rs.getInt("negative"), rs.getInt("neutral"), rs.getInt("positive")),
        rs.getBigDecimal("deal_amount"),
        rs.getObject("merged_into", UUID.class),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  static Mention mention(ResultSet rs, int row) throws SQLException {
    NewMention item =
        new NewMention(
            rs.getString("item_id"),
            rs.getString("org_id"),
            rs.getString("call_id"),
            rs.getString("call_url"),
            rs.getTimestamp("call_started_at").toInstant(),
            rs.getString("author_name"),
            rs.getString("author_email"),
            rs.getString("author_title"),
            rs.getString("account_id"),
            rs.getString("account_name"),
            rs.getBigDecimal("deal_amount"),
            rs.getString("deal_currency"),
            rs.getString("kind"),
            rs.getString("priority"),
            rs.getString("sentiment"),
            rs.getString("board"),
            rs.getString("category"),
            rs.getString("title"),
            rs.getString("description"),
            strings(rs.getArray("tags")),
            json.readValue(rs.getString("quotes"), QUOTES));
    return new Mention(
        rs.getObject("id", UUID.class),
        rs.getObject("post_id", UUID.class),
        item,
        rs.getTimestamp("created_at").toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}

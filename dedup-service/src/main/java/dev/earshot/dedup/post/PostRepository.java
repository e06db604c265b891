package dev.earshot.dedup.post;

import dev.earshot.dedup.board.ClearestTitle;
import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.NewMention;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostStatus;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.dedup.similarity.EmbeddedText;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Posts and mentions in PostgreSQL (schema {@code dedup}). */
@Repository
class PostRepository {

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final TypeReference<List<QuoteRef>> QUOTES = new TypeReference<>() {};

  static final String POST_COLUMNS =
      "id, org_id, board, category, kind, title, description, tags, status, mention_count,"
          + " first_seen, last_seen, highest_priority, negative, neutral, positive, deal_amount,"
          + " merged_into, created_at, updated_at";

  private final JdbcClient jdbc;

  PostRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<UUID> postOfItem(String orgId, String itemId) {
    return jdbc.sql("select post_id from mention where org_id = :org and item_id = :item")
        .param("org", orgId)
        .param("item", itemId)
        .query(UUID.class)
        .optional();
  }

  /**
   * The main kind of each of {@code ids} that has mentions in the org: the kind most of its
   * mentions have ({@code FEATURE_REQUEST}, {@code BUG}...), on a tie the kind of the earliest of
   * them. Posts of another org, or without mentions, are absent.
   */
  Map<UUID, String> mainKinds(String orgId, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UUID, String> out = new HashMap<>();
    jdbc.sql(
            "select distinct on (post_id) post_id, kind from mention"
                + " where org_id = :org and post_id in (:ids)"
                + " group by post_id, kind"
                + " order by post_id, count(*) desc, min(created_at), kind")
        .param("org", orgId)
        .param("ids", ids)
        .query((rs, n) -> Map.entry(rs.getObject("post_id", UUID.class), rs.getString("kind")))
        .list()
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The vectors of those of {@code ids} that are live posts of the org, made by {@code model}. */
  Map<UUID, PostVector> liveVectors(String orgId, Collection<UUID> ids, String model) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql(
            "select id, vector_sum, mention_count from post where org_id = :org and id in (:ids)"
                + " and merged_into is null and embedding_model = :model")
        .param("org", orgId)
        .param("ids", ids)
        .param("model", model)
        .query(PostRepository::vector)
        .list()
        .stream()
        .collect(Collectors.toMap(PostVector::postId, Function.identity()));
  }

  /**
   * Locks the post for a change and returns its vector; a post merged meanwhile leads to the post
   * it was merged into.
   */
  Optional<PostVector> lockLive(String orgId, UUID id) {
    UUID current = id;
    for (int hop = 0; hop < 16; hop++) {
      var row =
          jdbc.sql(
                  "select id, vector_sum, mention_count, merged_into from post"
                      + " where id = :id and org_id = :org for update")
              .param("id", current)
              .param("org", orgId)
              .query(
                  (rs, n) ->
                      Map.entry(
                          vector(rs, n),
                          Optional.ofNullable(rs.getObject("merged_into", UUID.class))))
              .optional();
      if (row.isEmpty()) {
        return Optional.empty();
      }
      if (row.get().getValue().isEmpty()) {
        return Optional.of(row.get().getKey());
      }
      current = row.get().getValue().get();
    }
    throw new IllegalStateException("post " + id + " is merged in a chain longer than 16");
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

  /** Adds the mention; false when the org already has a mention of this item. */
  boolean insertMention(UUID mentionId, UUID postId, NewMention m, float[] vector, Instant now) {
    return jdbc.sql(
                "insert into mention (id, post_id, org_id, item_id, call_id, call_url,"
                    + " call_started_at, author_name, author_email, author_title, account_id,"
                    + " account_name, deal_amount, deal_currency, kind, priority, sentiment, board,"
                    + " category, title, description, tags, quotes, vector, created_at)"
                    + " values (:id, :post, :org, :item, :call, :url, :started, :authorName,"
                    + " :authorEmail, :authorTitle, :accountId, :accountName, :deal, :currency,"
                    + " :kind, :priority, :sentiment, :board, :category, :title, :description,"
                    + " :tags, cast(:quotes as jsonb), :vector, :now)"
                    + " on conflict (org_id, item_id) do nothing")
            .param("id", mentionId)
            .param("post", postId)
            .param("org", m.orgId())
            .param("item", m.itemId())
            .param("call", m.callId())
            .param("url", m.callUrl())
            .param("started", Timestamp.from(m.callStartedAt()))
            .param("authorName", m.authorName())
            .param("authorEmail", m.authorEmail())
            .param("authorTitle", m.authorTitle())
            .param("accountId", m.accountId())
            .param("accountName", m.accountName())
            .param("deal", m.dealAmount())
            .param("currency", m.dealCurrency())
            .param("kind", m.kind())
            .param("priority", m.priority())
            .param("sentiment", m.sentiment())
            .param("board", m.board())
            .param("category", m.category())
            .param("title", m.title())
            .param("description", m.description())
            .param("tags", m.tags().toArray(String[]::new))
            .param("quotes", json.writeValueAsString(m.quotes()))
            .param("vector", PostVector.bytes(vector))
            .param("now", Timestamp.from(now))
            .update()
        == 1;
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

  /** The post, locked for a change by a person (merge, split, edit). */
  Optional<Post> lock(String orgId, UUID id) {
    return jdbc.sql(
            "select " + POST_COLUMNS + " from post where id = :id and org_id = :org for update")
        .param("id", id)
        .param("org", orgId)
        .query(PostRepository::post)
        .optional();
  }

  /** The embedding model a post's vector comes from. */
  String embeddingModelOf(UUID id) {
    return jdbc.sql("select embedding_model from post where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  PostVector vectorOf(UUID id) {
    return jdbc.sql("select id, vector_sum, mention_count from post where id = :id")
        .param("id", id)
        .query(PostRepository::vector)
        .single();
  }

  void moveMentions(UUID from, UUID to) {
    jdbc.sql("update mention set post_id = :to where post_id = :from")
        .param("to", to)
        .param("from", from)
        .update();
  }

  void moveMention(UUID mentionId, UUID to) {
    jdbc.sql("update mention set post_id = :to where id = :id")
        .param("to", to)
        .param("id", mentionId)
        .update();
  }

  /** The post is now part of {@code into}: empty, marked merged, to leave the index. */
  void markMerged(UUID id, UUID into, Instant now) {
    jdbc.sql(
            "update post set merged_into = :into, status = :status, mention_count = 0,"
                + " negative = 0, neutral = 0, positive = 0, deal_amount = 0,"
                + " indexed_at = null, updated_at = :now where id = :id")
        .param("into", into)
        .param("status", PostStatus.MERGED.apiName())
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  /** Its mentions' titles, oldest first. */
  List<String> mentionTitles(UUID postId) {
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

  void edit(UUID id, String title, String description, PostStatus status, Instant now) {
    jdbc.sql(
            "update post set title = coalesce(:title, title),"
                + " title_edited = title_edited or :titleEdited,"
                + " description = coalesce(:description, description),"
                + " status = coalesce(:status, status), updated_at = :now where id = :id")
        .param("title", title)
        .param("titleEdited", title != null)
        .param("description", description)
        .param("status", status == null ? null : status.apiName())
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  void recordHistory(
      UUID postId, String action, Map<String, Object> detail, String actor, Instant now) {
    jdbc.sql(
            "insert into post_history (post_id, action, detail, actor, at)"
                + " values (:post, :action, cast(:detail as jsonb), :actor, :now)")
        .param("post", postId)
        .param("action", action)
        .param("detail", json.writeValueAsString(detail))
        .param("actor", actor)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** What people did to a post, oldest first. */
  List<Map<String, Object>> history(UUID postId) {
    return jdbc.sql(
            "select action, detail::text detail, actor, at from post_history where post_id = :post"
                + " order by id")
        .param("post", postId)
        .query(
            (rs, n) ->
                Map.<String, Object>of(
                    "action", rs.getString("action"),
                    "detail", json.readTree(rs.getString("detail")),
                    "actor", rs.getString("actor"),
                    "at", rs.getTimestamp("at").toInstant()))
        .list();
  }

  Optional<Post> find(String orgId, UUID id) {
    return jdbc.sql("select " + POST_COLUMNS + " from post where id = :id and org_id = :org")
        .param("id", id)
        .param("org", orgId)
        .query(PostRepository::post)
        .optional();
  }

  Post get(UUID id) {
    return jdbc.sql("select " + POST_COLUMNS + " from post where id = :id")
        .param("id", id)
        .query(PostRepository::post)
        .single();
  }

  List<Mention> mentions(UUID postId) {
    return jdbc.sql(
            "select * from mention where post_id = :post order by call_started_at, created_at")
        .param("post", postId)
        .query(PostRepository::mention)
        .list();
  }

  Optional<Mention> mention(UUID postId, UUID mentionId) {
    return jdbc.sql("select * from mention where id = :id and post_id = :post")
        .param("id", mentionId)
        .param("post", postId)
        .query(PostRepository::mention)
        .optional();
  }

  Optional<float[]> mentionVector(UUID mentionId) {
    return jdbc.sql("select vector from mention where id = :id")
        .param("id", mentionId)
        .query((rs, n) -> PostVector.floats(rs.getBytes(1)))
        .optional();
  }

  /** The latest {@code perPost} mentions of each of the posts, newest first, by post. */
  Map<UUID, List<Mention>> recentMentions(Collection<UUID> postIds, int perPost) {
    if (postIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql(
            "select * from (select m.*, row_number() over (partition by post_id"
                + " order by created_at desc, id) as recency from mention m"
                + " where post_id in (:ids)) recent where recency <= :n order by post_id, recency")
        .param("ids", postIds)
        .param("n", perPost)
        .query(PostRepository::mention)
        .list()
        .stream()
        .collect(Collectors.groupingBy(Mention::postId));
  }

  /** The titles of those of the posts that exist. */
  Map<UUID, String> titles(Collection<UUID> postIds) {
    if (postIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql("select id, title from post where id in (:ids)")
        .param("ids", postIds)
        .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("title")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Title and description of the org's latest {@code limit} mentions, one text each. */
  List<String> recentMentionTexts(String orgId, int limit) {
    return jdbc.sql(
            "select title, description from mention where org_id = :org"
                + " order by created_at desc limit :n")
        .param("org", orgId)
        .param("n", limit)
        .query(
            (rs, n) ->
                EmbeddedText.of(rs.getString("title"), rs.getString("description"), List.of()))
        .list();
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
        new Post.SentimentMix(rs.getInt("negative"), rs.getInt("neutral"), rs.getInt("positive")),
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

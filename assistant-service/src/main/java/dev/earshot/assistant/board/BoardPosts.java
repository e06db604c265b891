package dev.earshot.assistant.board;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code board_post}, {@code post_call} and {@code post_merge} tables. A post merged away keeps
 * its row (its own late events still update it) but is left out of lists; its mentions, whenever
 * they arrive, belong to the post its chain of merges ends at.
 */
@Repository
public class BoardPosts {

  private static final int MOST_MERGE_HOPS = 10;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  BoardPosts(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Keeps the post's state unless a later one is kept already. */
  public void keep(String orgId, BoardPost post, Instant occurredAt) {
    jdbc.sql(
            """
            insert into board_post (org_id, post_id, title, description, status, board, category,
                                    mention_count, deal_amount, highest_priority, first_seen,
                                    last_seen, updated_at)
            values (:org, :id, :title, :description, :status, :board, :category, :mentions,
                    :deal, :priority, :first, :last, :at)
            on conflict (org_id, post_id) do update
               set title = excluded.title, description = excluded.description,
                   status = excluded.status, board = excluded.board,
                   category = excluded.category, mention_count = excluded.mention_count,
                   deal_amount = excluded.deal_amount,
                   highest_priority = excluded.highest_priority,
                   first_seen = excluded.first_seen, last_seen = excluded.last_seen,
                   updated_at = excluded.updated_at
             where board_post.updated_at <= excluded.updated_at
            """)
        .param("org", orgId)
        .param("id", post.id())
        .param("title", post.title())
        .param("description", post.description())
        .param("status", post.status())
        .param("board", post.board())
        .param("category", post.category())
        .param("mentions", post.mentionCount())
        .param("deal", post.dealAmountAtStake())
        .param("priority", post.highestPriority())
        .param("first", Timestamp.from(post.firstSeen()))
        .param("last", Timestamp.from(post.lastSeen()))
        .param("at", Timestamp.from(occurredAt))
        .update();
  }

  /**
   * Links a mention (one per item) to its post — or, when that post was merged away, to the post
   * the merges lead to — unless a link made by a later event is kept already: dedup splitting a
   * mention off announces the new post with the same item, which moves the link there, while a
   * redelivered older event leaves it where it is.
   *
   * @param linkedAt when the event naming the mention on this post occurred
   */
  public void keepMention(
      String orgId, String postId, BoardPost.Mention mention, Instant linkedAt) {
    jdbc.sql(
            """
            insert into post_call (org_id, post_id, item_id, call_id, call_url, account_name,
                                   quotes, linked_at)
            values (:org, :post, :item, :call, :url, :account, cast(:quotes as jsonb), :at)
            on conflict (org_id, item_id) do update
               set post_id = excluded.post_id, call_id = excluded.call_id,
                   call_url = excluded.call_url, account_name = excluded.account_name,
                   quotes = excluded.quotes, linked_at = excluded.linked_at
             where post_call.linked_at < excluded.linked_at
            """)
        .param("org", orgId)
        .param("post", holder(orgId, postId))
        .param("item", mention.itemId())
        .param("call", mention.callId())
        .param("url", mention.callUrl())
        .param("account", mention.accountName())
        .param("quotes", json.writeValueAsString(mention.quotes()))
        .param("at", Timestamp.from(linkedAt))
        .update();
  }

  /**
   * {@code from} was merged into {@code into} at {@code at}: its mentions, now and arriving later,
   * belong to where {@code into} leads (into itself unless it was merged on meanwhile). The merge
   * is kept even when {@code from}'s own events have not been read yet.
   */
  public void merged(String orgId, String from, String into, Instant at) {
    jdbc.sql(
            """
            insert into post_merge (org_id, post_id, merged_into, merged_at)
            values (:org, :from, :into, :at)
            on conflict (org_id, post_id) do nothing
            """)
        .param("org", orgId)
        .param("from", from)
        .param("into", into)
        .param("at", Timestamp.from(at))
        .update();
    // the mentions already on from (those of posts merged into it before included) move along
    jdbc.sql(
            """
            update post_call set post_id = :holder, linked_at = greatest(linked_at, :at)
             where org_id = :org and post_id = :from
            """)
        .param("org", orgId)
        .param("from", from)
        .param("holder", holder(orgId, into))
        .param("at", Timestamp.from(at))
        .update();
  }

  /** The org's posts not merged away, best first by {@code ranking}. */
  public List<BoardPost> top(String orgId, BoardPost.Ranking ranking, int limit) {
    String order =
        switch (ranking) {
          case MENTIONS -> "mention_count desc, last_seen desc, post_id";
          case DEAL_AMOUNT -> "deal_amount desc, mention_count desc, last_seen desc, post_id";
        };
    return jdbc.sql(
            "select * from board_post p where org_id = :org and not exists (select 1 from"
                + " post_merge m where m.org_id = p.org_id and m.post_id = p.post_id) order by "
                + order
                + " limit :limit")
        .param("org", orgId)
        .param("limit", limit)
        .query((rs, row) -> post(rs, List.of()))
        .list();
  }

  /** The org's post with its mentions, following merges to the post that holds them now. */
  public Optional<BoardPost> find(String orgId, String postId) {
    String found = holder(orgId, postId);
    List<BoardPost.Mention> mentions = mentionsOf(orgId, List.of(found));
    return jdbc.sql("select * from board_post where org_id = :org and post_id = :id")
        .param("org", orgId)
        .param("id", found)
        .query((rs, row) -> post(rs, mentions))
        .optional();
  }

  /**
   * The post that holds {@code postId}'s mentions: {@code postId} itself, or the end of the chain
   * of the org's merges from it (at most {@value #MOST_MERGE_HOPS} hops, which no real board
   * reaches; a cycle, which dedup never makes, stops there too).
   */
  private String holder(String orgId, String postId) {
    return jdbc.sql(
            """
            with recursive chain (post_id, hops) as (
              select cast(:id as text), 0
              union all
              select m.merged_into, chain.hops + 1
                from chain join post_merge m on m.org_id = :org and m.post_id = chain.post_id
               where chain.hops < :most
            )
            select post_id from chain order by hops desc limit 1
            """)
        .param("org", orgId)
        .param("id", postId)
        .param("most", MOST_MERGE_HOPS)
        .query(String.class)
        .single();
  }

  /**
   * The org's posts (not merged away) with a mention from one of these calls, with those mentions.
   */
  public List<BoardPost> linkedTo(String orgId, List<String> callIds) {
    if (callIds.isEmpty()) {
      return List.of();
    }
    List<String> postIds =
        jdbc.sql(
                "select distinct post_id from post_call where org_id = :org and call_id in"
                    + " (:calls)")
            .param("org", orgId)
            .param("calls", callIds)
            .query(String.class)
            .list();
    return postIds.stream()
        .map(id -> find(orgId, id))
        .flatMap(Optional::stream)
        .distinct()
        .map(
            post ->
                new BoardPost(
                    post.id(),
                    post.title(),
                    post.description(),
                    post.status(),
                    post.board(),
                    post.category(),
                    post.mentionCount(),
                    post.dealAmountAtStake(),
                    post.highestPriority(),
                    post.firstSeen(),
                    post.lastSeen(),
                    post.mentions().stream().filter(m -> callIds.contains(m.callId())).toList()))
        .toList();
  }

  private List<BoardPost.Mention> mentionsOf(String orgId, List<String> postIds) {
    return jdbc.sql(
            "select * from post_call where org_id = :org and post_id in (:posts) order by item_id")
        .param("org", orgId)
        .param("posts", postIds)
        .query(
            (rs, row) ->
                new BoardPost.Mention(
                    rs.getString("item_id"),
                    rs.getString("call_id"),
                    rs.getString("call_url"),
                    rs.getString("account_name"),
                    json.readValue(rs.getString("quotes"), new TypeReference<List<String>>() {})))
        .list();
  }

  private static BoardPost post(ResultSet rs, List<BoardPost.Mention> mentions)
      throws SQLException {
    BigDecimal deal = rs.getBigDecimal("deal_amount");
    return new BoardPost(
        rs.getString("post_id"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("status"),
        rs.getString("board"),
        rs.getString("category"),
        rs.getInt("mention_count"),
        deal,
        rs.getString("highest_priority"),
        rs.getTimestamp("first_seen").toInstant(),
        rs.getTimestamp("last_seen").toInstant(),
        mentions);
  }
}

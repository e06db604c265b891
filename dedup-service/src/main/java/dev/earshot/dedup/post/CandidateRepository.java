package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.similarity.EmbeddedText;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What weighing candidates reads ({@link WeighingCandidates}): the candidate posts' latest mentions
 * and titles, and the org's latest mention texts that seed word rarity.
 */
@Repository
class CandidateRepository {

  private final JdbcClient jdbc;

  CandidateRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
}

package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.MergeSuggestion;
import dev.earshot.dedup.board.NewMention;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostTags;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.board.SuggestionEvidence;
import dev.earshot.dedup.outbox.Outbox;
import dev.earshot.dedup.outbox.PostEvents;
import dev.earshot.events.PostEventType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consolidation's reads and its one write: which post holds an item, the candidates' live vectors
 * and main kinds; and {@link #place}, which applies a {@link Placement} to the board — the mention,
 * the post's new state, its merge suggestions and their outbox events, all in one transaction. The
 * use case decides; this writes.
 */
@Repository
class ConsolidationRepository {

  private static final Logger log = LoggerFactory.getLogger(ConsolidationRepository.class);

  private final JdbcClient jdbc;
  private final PostRepository posts;
  private final SuggestionRepository suggestions;
  private final Outbox outbox;
  private final TransactionTemplate transactions;

  ConsolidationRepository(
      JdbcClient jdbc,
      PostRepository posts,
      SuggestionRepository suggestions,
      Outbox outbox,
      TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.posts = posts;
    this.suggestions = suggestions;
    this.outbox = outbox;
    this.transactions = transactions;
  }

  /**
   * What {@link #place} did.
   *
   * @param outcome what became of the item
   * @param post the post's state after the change, as its event carries it; {@code null} when the
   *     item turned out to be on the board already
   * @param moreSuggestions merge suggestions recorded beyond the one {@code outcome} names
   */
  record Placed(Consolidation outcome, Post post, int moreSuggestions) {}

  /**
   * Puts the item on the board as {@code placement} says, in one transaction: a join adds the
   * mention to the (live) post, a start creates the post and records its suggestions; each change
   * writes its outbox event ({@code MENTION_ADDED}, {@code CREATED}, {@code MERGE_SUGGESTED}).
   *
   * @param model the embedding model {@code vector} comes from (a new post's model)
   * @throws ConcurrentConsolidation when another consumer put the item on the board meanwhile
   */
  Placed place(NewMention mention, float[] vector, String model, Placement placement, Instant now) {
    return transactions.execute(
        status ->
            switch (placement) {
              case Placement.Join j ->
                  lockLive(mention.orgId(), j.postId())
                      .map(target -> join(target, mention, vector, j, now))
                      .orElseGet(() -> create(mention, vector, model, j.score(), now));
              case Placement.Start s ->
                  suggestAll(
                      create(mention, vector, model, s.bestScore(), now), s, mention, vector, now);
            });
  }

  /**
   * After the item joined a post: records the merge suggestion of that post into {@code pick} (a
   * re-check), in its own transaction; the item's outcome when the post is gone or was merged since
   * (a merge closes a post's suggestions, so none is opened for it afterwards) or the pair was
   * suggested before. Both posts are locked in id order first, as a merge locks them.
   */
  Consolidation suggestAfterJoin(
      Consolidation.Joined joined,
      Suggesting.Pick pick,
      NewMention mention,
      float[] vector,
      Instant now) {
    return transactions.execute(
        status -> {
          lockInIdOrder(mention.orgId(), List.of(joined.postId(), pick.post().postId()));
          Optional<PostVector> live = lockLive(mention.orgId(), joined.postId());
          if (live.isEmpty() || !live.get().postId().equals(joined.postId())) {
            return joined;
          }
          return suggest(
                  new Placed(
                      new Consolidation.NewPost(
                          joined.postId(), joined.mentionId(), joined.score()),
                      null,
                      0),
                  pick.post().postId(),
                  pick.score(),
                  mention,
                  vector,
                  now)
              .outcome();
        });
  }

  private Placed join(
      PostVector post, NewMention mention, float[] vector, Placement.Join placement, Instant now) {
    UUID mentionId = UUID.randomUUID();
    double score = placement.score();
    Double recheckScore = placement.recheck() ? score : null;
    if (!insertMention(mentionId, post.postId(), mention, vector, recheckScore, now)) {
      return new Placed(
          new Consolidation.AlreadyOnBoard(
              postOfItem(mention.orgId(), mention.itemId()).orElseThrow()),
          null,
          0);
    }
    var current = posts.get(post.postId());
    posts.updateVector(post.plus(vector), PostTags.union(current.tags(), mention.tags()), now);
    posts.refreshAggregates(post.postId(), now);
    posts.retitleWith(post.postId(), mention.title(), now);
    Post joined = posts.get(post.postId());
    outbox.append(
        PostEvents.of(
            PostEventType.MENTION_ADDED,
            joined,
            new Mention(mentionId, post.postId(), mention, now),
            null,
            now),
        now);
    return new Placed(new Consolidation.Joined(post.postId(), mentionId, score), joined, 0);
  }

  private Placed create(
      NewMention mention, float[] vector, String model, double bestScore, Instant now) {
    UUID postId = UUID.randomUUID();
    UUID mentionId = UUID.randomUUID();
    posts.insertPost(postId, mention, PostVector.first(postId, vector), model, now);
    if (!insertMention(mentionId, postId, mention, vector, null, now)) {
      throw new ConcurrentConsolidation(mention.itemId());
    }
    posts.refreshAggregates(postId, now);
    Post created = posts.get(postId);
    outbox.append(
        PostEvents.of(
            PostEventType.CREATED,
            created,
            new Mention(mentionId, postId, mention, now),
            null,
            now),
        now);
    return new Placed(new Consolidation.NewPost(postId, mentionId, bestScore), created, 0);
  }

  /**
   * Suggests each pick for the created post; the first recorded one is the item's outcome. The
   * candidates are locked in id order first, as a merge of two of them would lock them.
   */
  private Placed suggestAll(
      Placed created, Placement.Start start, NewMention mention, float[] vector, Instant now) {
    lockInIdOrder(mention.orgId(), start.suggestTo().stream().map(p -> p.post().postId()).toList());
    Placed outcome = created;
    int more = 0;
    for (Suggesting.Pick pick : start.suggestTo()) {
      Placed s = suggest(created, pick.post().postId(), pick.score(), mention, vector, now);
      if (outcome == created) {
        outcome = s;
      } else if (s.outcome() instanceof Consolidation.Suggested) {
        more++;
      }
    }
    return new Placed(outcome.outcome(), outcome.post(), more);
  }

  /**
   * The item started the post of {@code placed}, and the candidate (or, if it was merged meanwhile,
   * the post it was merged into) scored within the uncertain band: the pair is recorded as a merge
   * suggestion with its evidence, and {@code MERGE_SUGGESTED} leaves with the new post's state.
   */
  private Placed suggest(
      Placed placed,
      UUID candidatePostId,
      double score,
      NewMention mention,
      float[] vector,
      Instant now) {
    // a post just started, or (re-check) the post just joined, stands in as one
    Consolidation.NewPost created = (Consolidation.NewPost) placed.outcome();
    Optional<PostVector> candidate = lockLive(mention.orgId(), candidatePostId);
    if (candidate.isEmpty() || candidate.get().postId().equals(created.postId())) {
      return placed;
    }
    UUID candidateId = candidate.get().postId();
    MergeSuggestion suggestion =
        new MergeSuggestion(
            UUID.randomUUID(),
            mention.orgId(),
            created.postId(),
            candidateId,
            score,
            SuggestionEvidence.of(
                mention.quotes().stream().map(QuoteRef::text).toList(),
                vector,
                suggestions.evidenceOf(candidateId)),
            MergeSuggestion.Status.OPEN,
            now,
            null,
            null);
    if (!suggestions.insert(suggestion)) {
      return placed;
    }
    Post post = posts.get(created.postId());
    outbox.append(PostEvents.suggested(post, suggestion, now), now);
    log.atInfo()
        .addKeyValue("org", mention.orgId())
        .addKeyValue("suggestionId", suggestion.id())
        .addKeyValue("postId", created.postId())
        .addKeyValue("candidateId", candidateId)
        .addKeyValue("score", score)
        .log("merge suggested");
    return new Placed(
        new Consolidation.Suggested(
            created.postId(), created.mentionId(), suggestion.id(), candidateId, score),
        post,
        0);
  }

  /** The post holding the org's mention of this item, if the item is on the board. */
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

  /**
   * Which of {@code others} were put to the judge with {@code post} by an earlier re-check, or
   * suggested with it (whatever became of either): the pairs a re-check does not ask about again.
   */
  Set<UUID> judgedOrSuggested(String orgId, UUID post, Collection<UUID> others) {
    if (others.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql(
                "select case when post_id = :post then candidate_id else post_id end other"
                    + " from judged_pair where org_id = :org and (post_id = :post and candidate_id"
                    + " in (:others) or candidate_id = :post and post_id in (:others))"
                    + " union select case when post_id = :post then candidate_id else post_id end"
                    + " from merge_suggestion where org_id = :org and (post_id = :post and"
                    + " candidate_id in (:others) or candidate_id = :post and post_id in (:others))")
            .param("org", orgId)
            .param("post", post)
            .param("others", others)
            .query(UUID.class)
            .list());
  }

  /**
   * After the item joined a post and a re-check put {@code asked} to the judge, in one transaction:
   * records the judge's pick as a merge suggestion of the joined post into it (as {@link
   * #suggestAfterJoin}), and each pair asked (and whether it was picked) so it is not asked again;
   * a pair recorded before stays as it was. The item's outcome unless a suggestion was recorded.
   */
  Consolidation judgedAfterJoin(
      Consolidation.Joined joined,
      Collection<UUID> asked,
      Optional<Suggesting.Pick> pick,
      NewMention mention,
      float[] vector,
      Instant now) {
    return transactions.execute(
        status -> {
          Consolidation outcome =
              pick.map(p -> suggestAfterJoin(joined, p, mention, vector, now)).orElse(joined);
          Optional<UUID> picked = pick.map(p -> p.post().postId());
          for (UUID candidate : asked) {
            if (candidate.equals(joined.postId())) {
              continue;
            }
            jdbc.sql(
                    "insert into judged_pair (org_id, post_id, candidate_id, picked, asked_at)"
                        + " values (:org, :post, :candidate, :picked, :now) on conflict do nothing")
                .param("org", mention.orgId())
                .param("post", joined.postId())
                .param("candidate", candidate)
                .param("picked", picked.filter(candidate::equals).isPresent())
                .param("now", Timestamp.from(now))
                .update();
          }
          return outcome;
        });
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
   * Locks the rows of the org's posts among {@code ids} (live or merged) in id order: the order
   * every change that locks two posts takes ({@code MergingPosts}), so two changes cannot each hold
   * the post the other waits for.
   */
  void lockInIdOrder(String orgId, Collection<UUID> ids) {
    // Java's UUID order (signed halves), not PostgreSQL's (unsigned bytes): the order MergingPosts
    // compares ids in
    for (UUID id : ids.stream().distinct().sorted().toList()) {
      jdbc.sql("select id from post where org_id = :org and id = :id for update")
          .param("org", orgId)
          .param("id", id)
          .query(UUID.class)
          .optional();
    }
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
                          PostRepository.vector(rs, n),
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

  /** Adds the mention; false when the org already has a mention of this item. */
  boolean insertMention(
      UUID mentionId, UUID postId, NewMention m, float[] vector, Double recheckScore, Instant now) {
    return jdbc.sql(
                "insert into mention (id, post_id, org_id, item_id, call_id, call_url,"
                    + " call_started_at, author_name, author_email, author_title, account_id,"
                    + " account_name, deal_amount, deal_currency, kind, priority, sentiment, board,"
                    + " category, title, description, tags, quotes, vector, recheck_score,"
                    + " created_at)"
                    + " values (:id, :post, :org, :item, :call, :url, :started, :authorName,"
                    + " :authorEmail, :authorTitle, :accountId, :accountName, :deal, :currency,"
                    + " :kind, :priority, :sentiment, :board, :category, :title, :description,"
                    + " :tags, cast(:quotes as jsonb), :vector, :recheck, :now)"
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
            .param("quotes", PostRepository.json.writeValueAsString(m.quotes()))
            .param("vector", PostVector.bytes(vector))
            .param("recheck", recheckScore, java.sql.Types.DOUBLE)
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  /**
   * A join whose re-check is still due: the join committed, the re-check after it did not happen
   * (the index or the database failed in between), so the item came round again.
   *
   * @param joined the join, with its score (mean cosine similarity to the post's mentions then)
   * @param vector the item's embedding, as the join used it
   */
  record DueRecheck(Consolidation.Joined joined, float[] vector) {}

  /**
   * The org's mention of this item if it joined a post whose re-check is still due ({@link
   * Placement.Join#recheck}); empty when the item is not on the board, started its post, or was
   * re-checked.
   */
  Optional<DueRecheck> dueRecheck(String orgId, String itemId) {
    return jdbc.sql(
            "select id, post_id, recheck_score, vector from mention"
                + " where org_id = :org and item_id = :item and recheck_score is not null")
        .param("org", orgId)
        .param("item", itemId)
        .query(
            (rs, n) ->
                new DueRecheck(
                    new Consolidation.Joined(
                        rs.getObject("post_id", UUID.class),
                        rs.getObject("id", UUID.class),
                        rs.getDouble("recheck_score")),
                    PostVector.floats(rs.getBytes("vector"))))
        .optional();
  }

  /** The re-check after this mention's join was made: it is not due again on a redelivery. */
  void rechecked(UUID mentionId) {
    jdbc.sql("update mention set recheck_score = null where id = :id")
        .param("id", mentionId)
        .update();
  }

  /**
   * Another consumer put the same item on the board while this one was creating a post for it;
   * rolling back and retrying finds it there.
   */
  static final class ConcurrentConsolidation extends RuntimeException {
    ConcurrentConsolidation(String itemId) {
      super("item " + itemId + " was consolidated concurrently; retrying");
    }
  }
}

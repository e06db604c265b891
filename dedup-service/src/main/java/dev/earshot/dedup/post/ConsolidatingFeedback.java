package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.board.MatchDecision;
import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.MergeSuggestion;
import dev.earshot.dedup.board.NewMention;
import dev.earshot.dedup.board.PostTags;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.board.SuggestionEvidence;
import dev.earshot.dedup.outbox.Outbox;
import dev.earshot.dedup.outbox.PostEvents;
import dev.earshot.dedup.similarity.EmbeddedText;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.PostEventType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a feedback item on the board: embeds it, asks the index for the org's nearest posts, and
 * lets {@link Matching} decide whether it joins one of them or starts a new post, and whether that
 * new post is worth a merge suggestion ({@link MatchDecision.Uncertain}); candidates are re-scored,
 * and an uncertain item put to the judge, by {@link WeighingCandidates} as configured. The mention,
 * the post's new state, the suggestion and the outbox events commit in one transaction; the post's
 * vector reaches the index right after (and, should that fail, by {@link IndexedPosts}). An item
 * already on the board changes nothing, so redelivery is harmless.
 */
public class ConsolidatingFeedback {

  private static final Logger log = LoggerFactory.getLogger(ConsolidatingFeedback.class);

  private final EmbeddingModel model;
  private final VectorIndex index;
  private final Matching matching;
  private final WeighingCandidates weighing;
  private final Suggesting suggesting;
  private final boolean recheck;
  private final int candidates;
  private final PostRepository posts;
  private final SuggestionRepository suggestions;
  private final IndexedPosts indexed;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final BoardMetrics metrics;
  private final Clock clock;

  ConsolidatingFeedback(
      EmbeddingModel model,
      VectorIndex index,
      Matching matching,
      WeighingCandidates weighing,
      Suggesting suggesting,
      boolean recheck,
      int candidates,
      PostRepository posts,
      SuggestionRepository suggestions,
      IndexedPosts indexed,
      Outbox outbox,
      TransactionTemplate transactions,
      BoardMetrics metrics,
      Clock clock) {
    this.model = model;
    this.index = index;
    this.matching = matching;
    this.weighing = weighing;
    this.suggesting = suggesting;
    this.recheck = recheck;
    this.candidates = candidates;
    this.posts = posts;
    this.suggestions = suggestions;
    this.indexed = indexed;
    this.outbox = outbox;
    this.transactions = transactions;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Consolidation consolidate(FeedbackItem item) {
    long began = System.nanoTime();
    NewMention mention = NewMention.of(item);
    Optional<UUID> seen = posts.postOfItem(mention.orgId(), mention.itemId());
    if (seen.isPresent()) {
      indexed.ensureIndexed(seen.get());
      return metrics.consolidated(new Consolidation.AlreadyOnBoard(seen.get()), began);
    }
    float[] vector = model.embed(EmbeddedText.of(item));
    List<UUID> near =
        index.nearest(mention.orgId(), vector, candidates).stream()
            .map(VectorIndex.Neighbour::id)
            .toList();
    var candidatesFound = posts.liveVectors(mention.orgId(), near, model.name()).values();
    WeighingCandidates.Candidates weighed = weighing.candidates(mention, candidatesFound);
    MatchDecision decided = matching.decide(vector, candidatesFound, weighed);
    // an uncertain item goes to the judge (if one is configured): its pick joins, else the item
    // starts its post and the near miss is suggested
    MatchDecision decision =
        decided instanceof MatchDecision.Uncertain
            ? weighing
                .judged(mention, vector, candidatesFound, weighed, matching)
                .<MatchDecision>map(m -> new MatchDecision.Join(m.post(), m.score()))
                .orElse(decided)
            : decided;
    // the new post of an uncertain item is suggested to merge into the candidates the rule picks
    List<Suggesting.Pick> picks =
        decision instanceof MatchDecision.Uncertain
            ? suggesting.pick(vector, candidatesFound, matching, weighed, weighed::evidence)
            : List.of();
    Consolidation result =
        transactions.execute(
            status -> {
              Instant now = clock.instant();
              return switch (decision) {
                case MatchDecision.Join j ->
                    posts
                        .lockLive(mention.orgId(), j.post().postId())
                        .map(target -> join(target, mention, vector, j.score(), now))
                        .orElseGet(() -> create(mention, vector, j.score(), now));
                case MatchDecision.Uncertain u ->
                    suggestAll(
                        create(mention, vector, u.score(), now), picks, mention, vector, now);
                case MatchDecision.New n -> create(mention, vector, n.bestScore(), now);
              };
            });
    indexed.ensureIndexed(result.postId());
    if (recheck && result instanceof Consolidation.Joined joined) {
      recheck(joined, mention, vector);
    }
    weighing.remember(mention);
    return metrics.consolidated(result, began);
  }

  private Consolidation join(
      PostVector post, NewMention mention, float[] vector, double score, Instant now) {
    UUID mentionId = UUID.randomUUID();
    if (!posts.insertMention(mentionId, post.postId(), mention, vector, now)) {
      return new Consolidation.AlreadyOnBoard(
          posts.postOfItem(mention.orgId(), mention.itemId()).orElseThrow());
    }
    var current = posts.get(post.postId());
    posts.updateVector(post.plus(vector), PostTags.union(current.tags(), mention.tags()), now);
    posts.refreshAggregates(post.postId(), now);
    posts.retitleWith(post.postId(), mention.title(), now);
    outbox.append(
        PostEvents.of(
            PostEventType.MENTION_ADDED,
            posts.get(post.postId()),
            new Mention(mentionId, post.postId(), mention, now),
            null,
            now),
        now);
    return new Consolidation.Joined(post.postId(), mentionId, score);
  }

  private Consolidation.NewPost create(
      NewMention mention, float[] vector, double bestScore, Instant now) {
    UUID postId = UUID.randomUUID();
    UUID mentionId = UUID.randomUUID();
    posts.insertPost(postId, mention, PostVector.first(postId, vector), model.name(), now);
    if (!posts.insertMention(mentionId, postId, mention, vector, now)) {
      throw new ConcurrentConsolidation(mention.itemId());
    }
    posts.refreshAggregates(postId, now);
    outbox.append(
        PostEvents.of(
            PostEventType.CREATED,
            posts.get(postId),
            new Mention(mentionId, postId, mention, now),
            null,
            now),
        now);
    return new Consolidation.NewPost(postId, mentionId, bestScore);
  }

  /** Suggests each pick for {@code created}; the first recorded one is the item's outcome. */
  private Consolidation suggestAll(
      Consolidation.NewPost created,
      List<Suggesting.Pick> picks,
      NewMention mention,
      float[] vector,
      Instant now) {
    Consolidation outcome = created;
    for (Suggesting.Pick pick : picks) {
      Consolidation s = suggest(created, pick.post().postId(), pick.score(), mention, vector, now);
      if (outcome == created) {
        outcome = s;
      } else if (s instanceof Consolidation.Suggested) {
        metrics.suggestion("recorded", 1);
      }
    }
    return outcome;
  }

  /**
   * The item joined a post: the posts near it whose mean similarity to it (between the two posts'
   * mentions) now lies in the uncertain band are suggested for a merge ({@link
   * Suggesting#recheck}), each pair once ever (the pair's unique index); counted as {@code
   * earshot.dedup.suggestions{outcome=rechecked}}.
   */
  private void recheck(Consolidation.Joined joined, NewMention mention, float[] vector) {
    Optional<PostVector> grown =
        posts.liveVectors(mention.orgId(), List.of(joined.postId()), model.name()).values().stream()
            .findFirst();
    if (grown.isEmpty()) {
      return;
    }
    List<UUID> near =
        index.nearest(mention.orgId(), grown.get().centroid(), candidates + 1).stream()
            .map(VectorIndex.Neighbour::id)
            .toList();
    var others = posts.liveVectors(mention.orgId(), near, model.name()).values();
    Suggesting.Kinds kinds = Suggesting.Kinds.UNKNOWN;
    if (suggesting.recheckSameKind()) {
      List<UUID> ids = new ArrayList<>(near);
      ids.add(joined.postId());
      kinds = new MainKinds(mention.orgId(), ids);
    }
    for (Suggesting.Pick pick : suggesting.recheck(grown.get(), others, matching, kinds)) {
      Consolidation s =
          transactions.execute(
              status -> {
                Instant now = clock.instant();
                if (posts.lockLive(mention.orgId(), joined.postId()).isEmpty()) {
                  return joined;
                }
                return suggest(
                    new Consolidation.NewPost(joined.postId(), joined.mentionId(), joined.score()),
                    pick.post().postId(),
                    pick.score(),
                    mention,
                    vector,
                    now);
              });
      if (s instanceof Consolidation.Suggested) {
        metrics.suggestion("rechecked", 1);
      }
    }
  }

  /**
   * The item started {@code created}, and the closest post (or, if it was merged meanwhile, the
   * post it was merged into) scored within the uncertain band: the pair is recorded as a merge
   * suggestion with its evidence, and {@code MERGE_SUGGESTED} leaves with the new post's state.
   */
  private Consolidation suggest(
      Consolidation.NewPost created,
      UUID candidatePostId,
      double score,
      NewMention mention,
      float[] vector,
      Instant now) {
    Optional<PostVector> candidate = posts.lockLive(mention.orgId(), candidatePostId);
    if (candidate.isEmpty() || candidate.get().postId().equals(created.postId())) {
      return created;
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
      return created;
    }
    outbox.append(PostEvents.suggested(posts.get(created.postId()), suggestion, now), now);
    log.atInfo()
        .addKeyValue("org", mention.orgId())
        .addKeyValue("suggestionId", suggestion.id())
        .addKeyValue("postId", created.postId())
        .addKeyValue("candidateId", candidateId)
        .addKeyValue("score", score)
        .log("merge suggested");
    return new Consolidation.Suggested(
        created.postId(), created.mentionId(), suggestion.id(), candidateId, score);
  }

  /**
   * The main kinds of a re-check's posts, read from PostgreSQL with one query the first time a kind
   * is asked for (so not at all when no post is in the band).
   */
  private final class MainKinds implements Suggesting.Kinds {
    private final String orgId;
    private final List<UUID> ids;
    private Map<UUID, String> loaded;

    MainKinds(String orgId, List<UUID> ids) {
      this.orgId = orgId;
      this.ids = ids;
    }

    @Override
    public String of(UUID post) {
      if (loaded == null) {
        loaded = posts.mainKinds(orgId, ids);
      }
      return loaded.get(post);
    }
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

package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.board.MatchDecision;
import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.board.NewMention;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.similarity.EmbeddedText;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.events.FeedbackItem;
import dev.earshot.provider.ProviderHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a feedback item on the board: embeds it, asks the index for the org's nearest posts, and
 * lets {@link Matching} decide whether it joins one of them or starts a new post, and whether that
 * new post is worth a merge suggestion ({@link MatchDecision.Uncertain}); candidates are re-scored
 * (the lexical term, when on, and the {@link dev.earshot.dedup.board.KindPenalty} for a post whose
 * main kind differs from the item's), and an item that joins nothing put to the judge (when a
 * candidate scores within the judge's band), by {@link WeighingCandidates} as configured. It
 * decides a {@link Placement}; {@link ConsolidationRepository#place} applies it: the mention, the
 * post's new state, the suggestions and the outbox events commit in one transaction; the post's
 * vector reaches the index right after (and, should that fail, by {@link IndexedPosts}). An item
 * already on the board changes nothing, so redelivery is harmless — except that a join whose
 * re-check did not happen (the index or the database failed after the join committed, so the item
 * came round again) is re-checked then. The item's outcome is counted when its placement commits.
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
  private final ConsolidationRepository board;
  private final IndexedPosts indexed;
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
      ConsolidationRepository board,
      IndexedPosts indexed,
      BoardMetrics metrics,
      Clock clock) {
    this.model = model;
    this.index = index;
    this.matching = matching;
    this.weighing = weighing;
    this.suggesting = suggesting;
    this.recheck = recheck;
    this.candidates = candidates;
    this.board = board;
    this.indexed = indexed;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Consolidation consolidate(FeedbackItem item) {
    long began = System.nanoTime();
    NewMention mention = NewMention.of(item);
    Optional<UUID> seen = board.postOfItem(mention.orgId(), mention.itemId());
    if (seen.isPresent()) {
      indexed.ensureIndexed(seen.get());
      if (recheck) {
        // the join committed but its re-check did not happen (the index or the database failed
        // after it): made now, as the first delivery would have
        board
            .dueRecheck(mention.orgId(), mention.itemId())
            .ifPresent(due -> recheckAfterJoin(due.joined(), mention, due.vector()));
      }
      return metrics.consolidated(new Consolidation.AlreadyOnBoard(seen.get()), began);
    }
    float[] vector = model.embed(EmbeddedText.of(item));
    List<UUID> near =
        index.nearest(mention.orgId(), vector, candidates).stream()
            .map(VectorIndex.Neighbour::id)
            .toList();
    var candidatesFound = board.liveVectors(mention.orgId(), near, model.name()).values();
    WeighingCandidates.Candidates weighed =
        weighing.candidates(mention, candidatesFound, new MainKinds(mention.orgId(), near));
    MatchDecision decided = matching.decide(vector, candidatesFound, weighed);
    // an item that joins nothing goes to the judge (if one is configured) when a candidate scores
    // within the judge's own band
    WeighingCandidates.Judgement judgement =
        decided instanceof MatchDecision.Join
            ? WeighingCandidates.Judgement.NOT_ASKED
            : weighing.judgement(mention, vector, candidatesFound, weighed, matching);
    boolean judgeSuggests = weighing.judgeSuggests();
    Placement placement;
    if (judgeSuggests && judgement.answered()) {
      // mode suggest: the item starts its post, suggested to merge into the judge's pick only (a
      // person decides); the judge's "none" suggests nothing
      placement =
          new Placement.Start(
              decided.bestScore(),
              judgement
                  .pick()
                  .map(m -> List.of(new Suggesting.Pick(m.post(), m.score(), 0)))
                  .orElse(List.of()));
    } else {
      // mode join: the judge's pick joins; else — and in mode suggest when the judge was not asked
      // or gave no usable answer — the item starts its post (and an uncertain item's near miss is
      // suggested by the rule)
      MatchDecision decision =
          judgement
              .pick()
              .<MatchDecision>map(m -> new MatchDecision.Join(m.post(), m.score()))
              .orElse(decided);
      placement =
          switch (decision) {
            case MatchDecision.Join j -> new Placement.Join(j.post().postId(), j.score(), recheck);
            // the new post of an uncertain item is suggested to merge into the candidates the
            // rule picks
            case MatchDecision.Uncertain u ->
                new Placement.Start(
                    u.score(),
                    suggesting.pick(vector, candidatesFound, matching, weighed, weighed::evidence));
            case MatchDecision.New n -> new Placement.Start(n.bestScore(), List.of());
          };
    }
    ConsolidationRepository.Placed placed =
        board.place(mention, vector, model.name(), placement, clock.instant());
    if (placed.moreSuggestions() > 0) {
      metrics.suggestion("recorded", placed.moreSuggestions());
    }
    // the placement has committed: counted now, so that a failure of what follows (the item then
    // comes round again and is found on the board) neither loses nor mislabels it
    Consolidation result = metrics.placed(placed.outcome());
    indexed.ensureIndexed(result.postId());
    if (recheck && result instanceof Consolidation.Joined joined) {
      recheckAfterJoin(joined, mention, vector);
    }
    weighing.remember(mention);
    return metrics.timed(result, began);
  }

  /**
   * The re-check after a join, by judge or by rule as configured; then the join's mention is marked
   * re-checked, so a redelivery of the item does not re-check it again. A failure before that mark
   * leaves it due: the item's redelivery makes it (suggestions and judged pairs are recorded once
   * per pair, so a re-check made twice records nothing twice).
   */
  private void recheckAfterJoin(Consolidation.Joined joined, NewMention mention, float[] vector) {
    if (weighing.judgeSuggests()) {
      judgedRecheck(joined, mention, vector);
    } else {
      recheck(joined, mention, vector);
    }
    board.rechecked(joined.mentionId());
  }

  /**
   * The item joined a post, and a judge suggests ({@code earshot.dedup.judge.mode: suggest}): of
   * the posts near it whose mean similarity to it (between the two posts' mentions) lies within the
   * judge's band, the closest {@code max-candidates} that were neither put to the judge with it nor
   * suggested with it before are shown to the judge with the item ({@link
   * WeighingCandidates#judgeRecheck}); its pick is suggested for a merge (counted as {@code
   * earshot.dedup.suggestions{outcome=judged}}), and every pair shown is recorded in the same
   * transaction so it is asked once (once the closest are all known, farther ones in the band are
   * not asked). The item is on the board already: a judge that cannot answer now ({@link
   * ProviderHttp.ModelUnavailable}), or answers outside the choices or refuses, leaves the pairs
   * unasked, to be asked when either post next gains a mention, and the item is not retried for it.
   */
  private void judgedRecheck(Consolidation.Joined joined, NewMention mention, float[] vector) {
    Optional<Neighbourhood> around = neighbourhood(joined, mention);
    if (around.isEmpty()) {
      return;
    }
    List<Matching.Match> inBand =
        Suggesting.inBand(
            around.get().grown(), around.get().others(), weighing.judgeBand(matching));
    if (inBand.isEmpty()) {
      return;
    }
    List<Matching.Match> closest = inBand.stream().limit(weighing.judgedCandidates()).toList();
    var known =
        board.judgedOrSuggested(
            mention.orgId(),
            joined.postId(),
            closest.stream().map(m -> m.post().postId()).toList());
    List<Matching.Match> unasked =
        closest.stream().filter(m -> !known.contains(m.post().postId())).toList();
    if (unasked.isEmpty()) {
      return;
    }
    WeighingCandidates.Judgement judgement;
    try {
      judgement = weighing.judgeRecheck(mention, unasked);
    } catch (ProviderHttp.ModelUnavailable e) {
      log.atWarn()
          .addKeyValue("org", mention.orgId())
          .addKeyValue("postId", joined.postId())
          .addKeyValue("candidates", unasked.size())
          .log("the judge could not answer a re-check; its pairs stay unasked");
      return;
    }
    if (!judgement.answered()) {
      return; // an answer that was not one of the choices, or a refusal: asked again next join
    }
    Consolidation s =
        board.judgedAfterJoin(
            joined,
            judgement.askedIds(),
            judgement.pick().map(m -> new Suggesting.Pick(m.post(), m.score(), 0)),
            mention,
            vector,
            clock.instant());
    if (s instanceof Consolidation.Suggested) {
      metrics.suggestion("judged", 1);
    }
  }

  /**
   * The item joined a post: the posts near it whose mean similarity to it (between the two posts'
   * mentions) now lies in the uncertain band are suggested for a merge ({@link
   * Suggesting#recheck}), each pair once ever (the pair's unique index); counted as {@code
   * earshot.dedup.suggestions{outcome=rechecked}}.
   */
  private void recheck(Consolidation.Joined joined, NewMention mention, float[] vector) {
    Optional<Neighbourhood> around = neighbourhood(joined, mention);
    if (around.isEmpty()) {
      return;
    }
    Suggesting.Kinds kinds = Suggesting.Kinds.UNKNOWN;
    if (suggesting.recheckSameKind()) {
      List<UUID> ids = new ArrayList<>(around.get().near());
      ids.add(joined.postId());
      kinds = new MainKinds(mention.orgId(), ids);
    }
    for (Suggesting.Pick pick :
        suggesting.recheck(around.get().grown(), around.get().others(), matching, kinds)) {
      Consolidation s = board.suggestAfterJoin(joined, pick, mention, vector, clock.instant());
      if (s instanceof Consolidation.Suggested) {
        metrics.suggestion("rechecked", 1);
      }
    }
  }

  /**
   * A post that just gained a mention and the live posts near it.
   *
   * @param grown the post, its new mention counted
   * @param near the ids the index proposed near its centroid (itself among them, most likely)
   * @param others those of {@code near} that are live posts of the org, made by the same model
   */
  private record Neighbourhood(PostVector grown, List<UUID> near, Collection<PostVector> others) {}

  /**
   * The joined post and its neighbours by centroid ({@code candidates} + 1 from the index, since
   * the post itself is among them); empty when the post is gone (merged meanwhile).
   */
  private Optional<Neighbourhood> neighbourhood(Consolidation.Joined joined, NewMention mention) {
    Optional<PostVector> grown =
        board.liveVectors(mention.orgId(), List.of(joined.postId()), model.name()).values().stream()
            .findFirst();
    if (grown.isEmpty()) {
      return Optional.empty();
    }
    List<UUID> near =
        index.nearest(mention.orgId(), grown.get().centroid(), candidates + 1).stream()
            .map(VectorIndex.Neighbour::id)
            .toList();
    return Optional.of(
        new Neighbourhood(
            grown.get(), near, board.liveVectors(mention.orgId(), near, model.name()).values()));
  }

  /**
   * The main kinds of some posts of the org (an item's candidates, for the kind penalty; a
   * re-check's posts, for its kind gate), read from PostgreSQL with one query the first time a kind
   * is asked for (so not at all when nothing asks).
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
        loaded = board.mainKinds(orgId, ids);
      }
      return loaded.get(post);
    }
  }
}

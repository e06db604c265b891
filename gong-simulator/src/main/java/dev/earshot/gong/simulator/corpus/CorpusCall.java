package dev.earshot.gong.simulator.corpus;

import java.time.Instant;
import java.util.List;

/**
 * One call's facts, cheap to hold for 100,000 calls; its transcript is written on demand from the
 * call's own seed, so it is the same on every request.
 *
 * @param index position in the corpus
 * @param id Gong call id
 * @param title call title
 * @param scheduled scheduled start
 * @param started actual start
 * @param durationSeconds length
 * @param company the customer, or null for calls without CRM context
 * @param parties participants (internal rep first)
 * @param isPrivate whether the call is private
 * @param transcriptReadyAt when Gong has the transcript (later for "late" calls)
 * @param planted product feedback voiced on the call (empty for pure sales talk)
 * @param pricingTalk whether pricing and contract talk happens
 * @param seed the call's own seed for its transcript
 * @param actions action items planted in the call's "Next steps" (empty unless the corpus was
 *     generated with {@link Corpus#withPlantedActions}; the default corpus has none, so its
 *     transcripts stay as they were)
 */
public record CorpusCall(
    int index,
    String id,
    String title,
    Instant scheduled,
    Instant started,
    long durationSeconds,
    Company company,
    List<Party> parties,
    boolean isPrivate,
    Instant transcriptReadyAt,
    List<PlantedItem> planted,
    boolean pricingTalk,
    long seed,
    List<PlantedAction> actions) {

  public CorpusCall {
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** A call without planted action items. */
  public CorpusCall(
      int index,
      String id,
      String title,
      Instant scheduled,
      Instant started,
      long durationSeconds,
      Company company,
      List<Party> parties,
      boolean isPrivate,
      Instant transcriptReadyAt,
      List<PlantedItem> planted,
      boolean pricingTalk,
      long seed) {
    this(
        index,
        id,
        title,
        scheduled,
        started,
        durationSeconds,
        company,
        parties,
        isPrivate,
        transcriptReadyAt,
        planted,
        pricingTalk,
        seed,
        List.of());
  }

  public Instant ended() {
    return started.plusSeconds(durationSeconds);
  }

  public boolean transcriptReady(Instant now) {
    return !transcriptReadyAt.isAfter(now);
  }

  public Party rep() {
    return parties.getFirst();
  }

  public List<Party> externals() {
    return parties.stream().filter(p -> "External".equals(p.affiliation())).toList();
  }
}

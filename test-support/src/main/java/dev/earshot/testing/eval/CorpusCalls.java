package dev.earshot.testing.eval;

import dev.earshot.events.Call;
import dev.earshot.gong.calls.GongCallFile;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.simulator.CallFiles;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import java.time.Instant;
import java.util.List;

/**
 * A simulator corpus call as the {@code Call} record ingest-service would publish for it, so
 * extraction can be evaluated without the whole pipeline: the simulator's Gong call file ({@link
 * CallFiles}) read by gong-calls' {@link GongCallFile}, the one translation of Gong's call shape
 * (parties, CRM account and deal, Gong's content, transcript). Connection {@code eval}, fetched at
 * the epoch.
 */
public final class CorpusCalls {

  private CorpusCalls() {}

  /**
   * The call's {@code Call} record, attributed to {@code orgId}.
   *
   * @throws GongCallFile.Unreadable if the simulator's file does not read as Gong's shape (a bug)
   */
  public static Call toCall(CorpusCall c, String orgId) {
    return GongCallFile.read(GongJson.mapper().valueToTree(CallFiles.of(c)))
        .toCall("eval", orgId, Instant.EPOCH)
        .call();
  }

  /** The corpus calls extraction sees: not private (those are never fetched). */
  public static List<CorpusCall> fetchable(List<CorpusCall> calls) {
    return calls.stream().filter(c -> !c.isPrivate()).toList();
  }
}

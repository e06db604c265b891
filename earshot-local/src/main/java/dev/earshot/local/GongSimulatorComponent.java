package dev.earshot.local;

import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.Realism;
import dev.earshot.gong.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Gong simulator standing in for Gong in the local stack: its generated demo corpus, or the
 * calls of a corpus directory ({@code --corpus DIR}), as tidy or as unfriendly as {@code --realism}
 * says.
 */
final class GongSimulatorComponent implements LocalComponent {

  public static final String BASE_URL = "gong.base_url";

  /**
   * The {@code field} realism of {@code ./earshot local}: every switch on, with the fault schedule
   * scaled to a local run. The profile's own schedule (a 403 stretch after a credential's 40th
   * request, the daily quota spent after its 150th, revocation after its 300th) is Gong's pace over
   * a day; a whole {@code --once} run makes a few dozen requests ({@code requests_by_credential} in
   * {@code GET /admin/realism}: 30 for 30 calls, 39 for the default 300), so none of it would fire.
   * Here the 403 stretch (3 requests) comes after a credential's 4th request, its quota is spent
   * after its 8th and it is revoked after its 12th: all three fire while the backfill lists, for
   * the demo key (a revoked key's successor counts from zero, and each fault fires once per run). A
   * corpus with fewer requests than that still sees all three: polling goes on (every 5 s) until
   * they have fired and been resolved.
   */
  static Realism realism(String profile) {
    Realism realism = Realism.profile(profile);
    return realism.quotaAndRevocation() ? realism.withSchedule(4, 3, 8, 12) : realism;
  }

  private final int port;
  private final int calls;
  private final long seed;
  private final Realism realism;
  private final Path corpus;
  private GongSimulator simulator;

  /**
   * @param corpus a directory of {@code {"call","transcript"}} files to serve, or null for the
   *     generated corpus of {@code calls} calls from {@code seed}
   */
  GongSimulatorComponent(int port, int calls, long seed, Realism realism, Path corpus) {
    this.port = port;
    this.calls = calls;
    this.seed = seed;
    this.realism = realism;
    this.corpus = corpus;
  }

  @Override
  public String name() {
    return "gong_simulator";
  }

  @Override
  public void start(LocalContext context) throws IOException {
    simulator =
        GongSimulator.start(
            SimulatorConfig.defaults()
                .withPort(port)
                .withCorpus(calls, seed)
                .withRealism(realism)
                .withCorpusDirectory(corpus));
    context.put(BASE_URL, simulator.baseUrl());
    context.share(GongSimulator.class, simulator);
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("base_url", simulator == null ? null : simulator.baseUrl());
    if (corpus == null) {
      facts.put("calls", calls);
      facts.put("seed", seed);
    } else {
      facts.put("corpus", corpus.toAbsolutePath().toString());
      facts.put("calls", simulator == null ? null : simulator.callIds().size());
    }
    facts.put(
        "realism", realism.profileName().equals("custom") ? profile() : realism.profileName());
    if (realism.quotaAndRevocation()) {
      Map<String, Object> schedule = new LinkedHashMap<>();
      schedule.put("forbidden_after", realism.forbiddenAfter());
      schedule.put("forbidden_requests", realism.forbiddenRequests());
      schedule.put("quota_exhausted_after", realism.quotaExhaustedAfter());
      schedule.put("revoked_after", realism.revokedAfter());
      facts.put("fault_schedule", schedule);
    }
    facts.put("access_key", simulator == null ? null : simulator.config().accessKey());
    facts.put("oauth_client_id", SimulatorConfig.DEMO_CLIENT_ID);
    return facts;
  }

  /** The profile a scaled schedule came from: {@code field} when every switch is on. */
  private String profile() {
    return realism.enabled().size() == Realism.Switch.values().length
        ? "field"
        : String.join(",", realism.enabledNames()).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }
}

package dev.earshot.gong.simulator;

/**
 * What one simulator instance knows and decides, shared by its Java control surface ({@link
 * GongSimulator}) and its HTTP handlers ({@link GongApi}, {@link OAuthPages}, {@link Admin}).
 *
 * @param config how it behaves
 * @param served the calls it serves and their "now"
 * @param clock its clock, which starts at the corpus's "now" and moves only when told
 * @param counters requests and events counted since the last reset
 * @param limits per-credential rate limits and daily quotas
 * @param accessKeys the access keys, working and revoked
 * @param schedule realism's scheduled credential events (revocation, spent quota, 403)
 * @param faults injected faults
 * @param cursors paging cursors
 * @param oauth the OAuth apps, codes and tokens
 */
record SimulatorState(
    SimulatorConfig config,
    ServedCorpus served,
    SimulatorClock clock,
    Counters counters,
    Limits limits,
    AccessKeys accessKeys,
    CredentialSchedule schedule,
    Faults faults,
    Cursors cursors,
    OAuthProvider oauth) {

  /**
   * A fresh state for {@code config}: the corpus served and the clock at its "now".
   *
   * @throws IllegalArgumentException when {@code config.corpusDirectory()} cannot be served
   */
  static SimulatorState of(SimulatorConfig config) {
    ServedCorpus served = ServedCorpus.of(config);
    return new SimulatorState(
        config,
        served,
        new SimulatorClock(served.now()),
        new Counters(),
        new Limits(config.requestsPerSecond(), config.dailyQuota()),
        new AccessKeys(config.accessKey(), config.accessSecret()),
        new CredentialSchedule(config.realism()),
        new Faults(config.seed()),
        new Cursors(config.cursorTtl()),
        new OAuthProvider(config.oauthApps(), config.accessTokenTtl()));
  }
}

package dev.earshot.local;

import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Gong simulator with its demo corpus, standing in for Gong in the local stack. */
final class GongSimulatorComponent implements LocalComponent {

  public static final String BASE_URL = "gong.base_url";

  private final int port;
  private final int calls;
  private final long seed;
  private GongSimulator simulator;

  GongSimulatorComponent(int port, int calls, long seed) {
    this.port = port;
    this.calls = calls;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "gong_simulator";
  }

  @Override
  public void start(LocalContext context) throws IOException {
    simulator =
        GongSimulator.start(SimulatorConfig.defaults().withPort(port).withCorpus(calls, seed));
    context.put(BASE_URL, simulator.baseUrl());
    context.share(GongSimulator.class, simulator);
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("base_url", simulator == null ? null : simulator.baseUrl());
    facts.put("calls", calls);
    facts.put("seed", seed);
    facts.put("access_key", simulator == null ? null : simulator.config().accessKey());
    facts.put("oauth_client_id", SimulatorConfig.DEMO_CLIENT_ID);
    return facts;
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }
}

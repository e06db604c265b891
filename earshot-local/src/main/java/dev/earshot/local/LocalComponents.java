package dev.earshot.local;

import dev.earshot.cli.FreePorts;
import dev.earshot.gong.simulator.Realism;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the local stack, for {@link EarshotLocal} and for benchmarks that assemble a stack
 * of their own (a broker and the gateway only, say).
 */
public final class LocalComponents {

  private LocalComponents() {}

  /** Port 0 picks a free port (here, for the broker and its controller alike). */
  public static LocalComponent kafka(int port, int controllerPort, int partitions) {
    return new KafkaBroker(FreePorts.orPick(port), FreePorts.orPick(controllerPort), partitions);
  }

  public static LocalComponent postgres(List<String> databases) {
    return new PostgresServer(databases);
  }

  public static LocalComponent topics(int partitions) {
    return new TopicCatalog(partitions);
  }

  /**
   * The demo org's company directory on crm.companies.v1, from the simulator corpus's accounts
   * (after the simulator, before the services).
   */
  public static LocalComponent demoDirectory() {
    return new DemoDirectory();
  }

  public static LocalComponent gongSimulator(int port, int calls, long seed) {
    return gongSimulator(port, calls, seed, Realism.none(), null);
  }

  public static LocalComponent webhookGateway(int requestedPort) {
    return new SpringService(gatewaySpec(requestedPort));
  }

  /**
   * extraction-service with the offline model and the demo company directory; {@code --once} waits
   * until all calls are extracted and made conversation records (needs ingest-service started
   * before it, for the demo admin's token).
   */
  public static LocalComponent extractionService(int requestedPort) {
    return new SpringService(extractionSpec(requestedPort));
  }

  /**
   * dedup-service with the offline embedding model and the embedded index in the data directory;
   * {@code --once} waits until every item is on the board and scores the board against the
   * simulator's ground truth.
   */
  public static LocalComponent dedupService(int requestedPort) {
    return new SpringService(dedupSpec(requestedPort));
  }

  /**
   * ingest-service with the demo org connected; {@code --once} ingests the corpus, Gong also
   * announcing {@code webhookShare} of it (the most recent calls) by webhook. A share of 0 makes no
   * webhook subscription at all: calls arrive by the backfill and polling only.
   */
  public static LocalComponent ingestService(int port, double webhookShare) {
    return ingestService(port, webhookShare, Map.of());
  }

  /**
   * {@link #ingestService(int, double)} with more settings on top of its {@code local} profile
   * (e.g. {@link IngestLocal#QUICK_LOOPS}, which {@code ./earshot local} runs with).
   */
  public static LocalComponent ingestService(
      int port, double webhookShare, Map<String, Object> settings) {
    return new SpringService(ingestSpec(port, webhookShare, settings));
  }

  static ServiceSpec gatewaySpec(int requestedPort) {
    int port = FreePorts.orPick(requestedPort);
    return new ServiceSpec(
        GatewayLocal.NAME,
        GatewayLocal.APP,
        GatewayLocal.MODULE,
        port,
        local -> GatewayLocal.properties(port),
        local -> Map.of(),
        local -> Map.of(),
        local -> Map.of());
  }

  static ServiceSpec extractionSpec(int requestedPort) {
    return new ServiceSpec(
        ExtractionLocal.NAME,
        ExtractionLocal.APP,
        ExtractionLocal.MODULE,
        FreePorts.orPick(requestedPort),
        ExtractionLocal::properties,
        local -> Map.of(),
        ExtractionLocal::listDemoDirectory,
        ExtractionLocal::extractDemoCorpus);
  }

  static ServiceSpec dedupSpec(int requestedPort) {
    return new ServiceSpec(
        DedupLocal.NAME,
        DedupLocal.APP,
        DedupLocal.MODULE,
        FreePorts.orPick(requestedPort),
        DedupLocal::properties,
        local -> Map.of(),
        local -> Map.of(),
        DedupLocal::consolidateDemoItems);
  }

  static ServiceSpec assistantSpec(int requestedPort) {
    return new ServiceSpec(
        AssistantLocal.NAME,
        AssistantLocal.APP,
        AssistantLocal.MODULE,
        FreePorts.orPick(requestedPort),
        AssistantLocal::properties,
        local -> Map.of(),
        local -> Map.of(),
        AssistantLocal::askAboutTheDemoCalls);
  }

  static ServiceSpec ingestSpec(int port, double webhookShare, Map<String, Object> settings) {
    return new ServiceSpec(
        IngestLocal.NAME,
        IngestLocal.APP,
        IngestLocal.MODULE,
        FreePorts.orPick(port),
        local -> {
          Map<String, Object> props = new LinkedHashMap<>(IngestLocal.properties(local));
          props.putAll(settings);
          return props;
        },
        local -> Map.of(),
        local -> IngestLocal.connectDemoOrg(local, webhookShare > 0),
        local -> IngestLocal.ingestDemoCorpus(local, webhookShare));
  }

  /**
   * The Gong simulator serving a generated corpus ({@code calls} from {@code seed}) or, when {@code
   * corpus} is a directory, the calls of its files, with this {@code realism}.
   */
  public static LocalComponent gongSimulator(
      int port, int calls, long seed, Realism realism, Path corpus) {
    return new GongSimulatorComponent(port, calls, seed, realism, corpus);
  }

  /**
   * What the {@code --once} line ends with: what the run shows about privacy, missed, failed and
   * duplicated calls and dead letters, read from the simulator, ingest-service's API and the
   * broker.
   */
  public static LocalComponent runAudit() {
    return new RunAudit();
  }
}

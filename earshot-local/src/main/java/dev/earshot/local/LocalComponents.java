package dev.earshot.local;

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
    return new KafkaBroker(LocalOptions.free(port), LocalOptions.free(controllerPort), partitions);
  }

  public static LocalComponent postgres(List<String> databases) {
    return new PostgresServer(databases);
  }

  public static LocalComponent topics(int partitions) {
    return new TopicCatalog(partitions);
  }

  public static LocalComponent gongSimulator(int port, int calls, long seed) {
    return new GongSimulatorComponent(port, calls, seed);
  }

  public static LocalComponent webhookGateway(int requestedPort) {
    int port = LocalOptions.free(requestedPort);
    return new SpringService(
        "webhook_gateway",
        GatewayLocal.APP,
        port,
        local -> GatewayLocal.properties(port),
        (app, local) -> Map.of());
  }

  /**
   * extraction-service with the offline model; {@code --once} waits until all calls are extracted.
   */
  public static LocalComponent extractionService(int requestedPort) {
    return new SpringService(
        "extraction_service",
        ExtractionLocal.APP,
        LocalOptions.free(requestedPort),
        ExtractionLocal::properties,
        (app, local) -> Map.of(),
        ExtractionLocal::extractDemoCorpus);
  }

  /**
   * dedup-service with the offline embedding model and the embedded index in the data directory;
   * {@code --once} waits until every item is on the board and scores the board against the
   * simulator's ground truth.
   */
  public static LocalComponent dedupService(int requestedPort) {
    return new SpringService(
        "dedup_service",
        DedupLocal.APP,
        LocalOptions.free(requestedPort),
        DedupLocal::properties,
        (app, local) -> Map.of(),
        DedupLocal::consolidateDemoItems);
  }

  /**
   * ingest-service with the demo org connected; {@code --once} ingests the corpus, Gong also
   * announcing {@code webhookShare} of it (the most recent calls) by webhook.
   */
  public static LocalComponent ingestService(int port, double webhookShare) {
    return new SpringService(
        "ingest_service",
        IngestLocal.APP,
        port,
        IngestLocal::properties,
        IngestLocal::connectDemoOrg,
        (app, local) -> IngestLocal.ingestDemoCorpus(app, local, webhookShare));
  }
}

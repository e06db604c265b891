package dev.earshot.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker and controller (KRaft, combined mode) inside this JVM, from the Kafka server
 * artifacts on Maven Central. Storage is formatted with {@code StorageTool.execute} (which, unlike
 * {@code main}, does not exit the JVM) and the server runs under its own lifecycle API so it stops
 * cleanly.
 */
final class KafkaBroker implements LocalComponent {

  private final int port;
  private final int controllerPort;
  private final int partitions;
  private KafkaRaftServer server;
  private String clusterId;
  private long startMillis;

  KafkaBroker(int port, int controllerPort, int partitions) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.partitions = partitions;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void start(LocalContext context) throws IOException {
    long began = System.nanoTime();
    Path logDir = Files.createDirectories(context.dataDir().resolve("kafka"));
    Properties props = brokerProperties(logDir);
    Path config = context.dataDir().resolve("kafka-server.properties");
    try (Writer out = Files.newBufferedWriter(config)) {
      props.store(out, "earshot-local broker");
    }
    clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
    int status =
        StorageTool.execute(
            new String[] {"format", "-t", clusterId, "-c", config.toString(), "--standalone"},
            new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage failed: " + formatOutput.toString(StandardCharsets.UTF_8));
    }
    server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    server.startup();
    startMillis = (System.nanoTime() - began) / 1_000_000;
    context.put(LocalContext.KAFKA_BOOTSTRAP, bootstrap());
  }

  private Properties brokerProperties(Path logDir) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    props.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("num.partitions", Integer.toString(partitions));
    props.put("auto.create.topics.enable", "false");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "3");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "3");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("message.max.bytes", Integer.toString(dev.earshot.events.Topics.MAX_MESSAGE_BYTES));
    return props;
  }

  String bootstrap() {
    return "localhost:" + port;
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("bootstrap_servers", bootstrap());
    facts.put("mode", "kraft-combined");
    facts.put("cluster_id", clusterId);
    facts.put("start_ms", startMillis);
    return facts;
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }
}

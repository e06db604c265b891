package dev.earshot.local;

import dev.earshot.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates every topic of the architecture, with its dead-letter twin: compaction where the contract
 * says so, 4 MB messages, zstd. Then lists what the broker really holds, once it lists them all (or
 * after {@link #LISTED_WITHIN}).
 */
final class TopicCatalog implements LocalComponent {

  private final int partitions;
  private List<String> topics = List.of();

  TopicCatalog(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public String name() {
    return "topics";
  }

  static List<NewTopic> newTopics(int partitions) {
    List<NewTopic> all = new ArrayList<>();
    for (Topics.Topic topic : Topics.ALL) {
      all.add(newTopic(topic.name(), partitions, topic.compacted()));
      all.add(newTopic(topic.deadLetterName(), partitions, false));
    }
    return all;
  }

  private static NewTopic newTopic(String name, int partitions, boolean compacted) {
    Map<String, String> config = new HashMap<>();
    config.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_MESSAGE_BYTES));
    config.put(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
    return new NewTopic(name, partitions, (short) 1).configs(config);
  }

  /** How long {@link #start} waits for the broker to list the topics it created. */
  static final Duration LISTED_WITHIN = Duration.ofSeconds(30);

  @Override
  public void start(LocalContext context) throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, context.kafkaBootstrap()))) {
      List<NewTopic> created = newTopics(partitions);
      admin.createTopics(created).all().get();
      topics =
          listedOnceVisible(
              () -> admin.listTopics().names().get(),
              created.stream().map(NewTopic::name).toList(),
              LISTED_WITHIN,
              Duration.ofMillis(100));
    }
  }

  /** One listing of the broker's topic names. */
  interface Listing {
    Set<String> names() throws InterruptedException, ExecutionException;
  }

  /**
   * The broker's topics, sorted, once {@code listing} holds every name in {@code created}, or as
   * listed when {@code within} has passed. A topic the controller created is not listed at once:
   * "it may take several seconds after CreateTopicsResult returns success for all the brokers to
   * become aware that the topics have been created. During this time, listTopics() and
   * describeTopics() may not return information about the new topics" (Kafka's {@code
   * Admin#createTopics} Javadoc), and a listing taken straight away was once empty here.
   */
  static List<String> listedOnceVisible(
      Listing listing, Collection<String> created, Duration within, Duration pause)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + within.toNanos();
    Set<String> names = listing.names();
    while (!names.containsAll(created) && System.nanoTime() < deadline) {
      Thread.sleep(pause.toMillis());
      names = listing.names();
    }
    return List.copyOf(new TreeSet<>(names));
  }

  /** The summary's {@code topics} array: every topic the broker holds after creation. */
  @Override
  public Map<String, Object> runOnce(LocalContext context) {
    return Map.of("topics", topics);
  }

  @Override
  public Map<String, Object> facts() {
    return Map.of("count", topics.size(), "partitions", partitions);
  }

  @Override
  public void close() {}
}

package dev.earshot.local;

import dev.earshot.events.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates every topic of the architecture, with its dead-letter twin: compaction where the contract
 * says so, 4 MB messages, zstd. Then lists what the broker really holds.
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

  @Override
  public void start(LocalContext context) throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, context.kafkaBootstrap()))) {
      admin.createTopics(newTopics(partitions)).all().get();
      topics = List.copyOf(new TreeSet<>(admin.listTopics().names().get()));
    }
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

package dev.earshot.example;

import dev.earshot.events.serde.AvroEventDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code feedback.posts.v1} and prints one line per post event: {@code <post id> <type>
 * <title>}. Run it with the wire format Earshot's producers use:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl consumer-example -am package -DskipTests
 * java -jar consumer-example/target/consumer-example-0.1.0-SNAPSHOT.jar \
 *     --bootstrap-servers localhost:9092 --format single-object
 * java -jar consumer-example/target/consumer-example-0.1.0-SNAPSHOT.jar \
 *     --bootstrap-servers localhost:9092 --format registry \
 *     --registry-url http://localhost:8880/apis/registry/v2
 * </pre>
 *
 * <p>{@code single-object} decodes with the {@code events} artifact's {@link AvroEventDeserializer}
 * (it knows every released schema). {@code registry} needs no Earshot code: Apicurio's Avro
 * deserializer in its Confluent mode fetches the writer schema by the id in each record and returns
 * a {@link GenericRecord}; any Confluent-compatible deserializer pointed at the registry's {@code
 * /apis/ccompat/v7} API does the same. Options: {@code --group} (default a new group, so it reads
 * from the start), {@code --topic} (default {@code feedback.posts.v1}), {@code --max} (stop after
 * that many records; default: run until stopped).
 */
public final class PostsConsumer {

  /** The topic downstream teams most often read. */
  public static final String POSTS = "feedback.posts.v1";

  private PostsConsumer() {}

  /**
   * Runs the consumer from command-line options (see the class comment).
   *
   * @throws IllegalArgumentException on an unknown option or format
   */
  public static void main(String[] args) {
    Map<String, String> options = options(args);
    run(options, System.out);
  }

  /**
   * Consumes until {@code max} records are printed (or forever without {@code max}).
   *
   * @param options {@code bootstrap-servers}, {@code format}, {@code registry-url}, {@code group},
   *     {@code topic}, {@code max}
   * @param out where the lines go
   * @return how many records were printed
   */
  public static int run(Map<String, String> options, PrintStream out) {
    Map<String, Object> config = new HashMap<>();
    config.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        options.getOrDefault("bootstrap-servers", "localhost:9092"));
    config.put(
        ConsumerConfig.GROUP_ID_CONFIG,
        options.getOrDefault("group", "posts-example-" + UUID.randomUUID()));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    int max = Integer.parseInt(options.getOrDefault("max", String.valueOf(Integer.MAX_VALUE)));
    Deserializer<? extends GenericRecord> values = valueDeserializer(options, config);
    int printed = 0;
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(options.getOrDefault("topic", POSTS)));
      while (printed < max) {
        for (ConsumerRecord<String, ? extends GenericRecord> record :
            consumer.poll(Duration.ofSeconds(1))) {
          GenericRecord post = record.value();
          out.println(record.key() + " " + post.get("type") + " " + post.get("title"));
          if (++printed >= max) {
            break;
          }
        }
      }
    }
    return printed;
  }

  private static Deserializer<? extends GenericRecord> valueDeserializer(
      Map<String, String> options, Map<String, Object> config) {
    String format = options.getOrDefault("format", "single-object");
    return switch (format) {
      case "single-object" -> new SingleObject();
      case "registry" -> {
        String url = options.get("registry-url");
        if (url == null) {
          throw new IllegalArgumentException("--format registry needs --registry-url");
        }
        Map<String, Object> registry = new HashMap<>(config);
        registry.put("apicurio.registry.url", url);
        registry.put("apicurio.registry.as-confluent", true); // byte 0 + 4-byte id
        registry.put("apicurio.registry.use-id", "contentId"); // the id ccompat serves
        registry.put("apicurio.registry.headers.enabled", false); // the id is in the value
        AvroKafkaDeserializer<GenericRecord> apicurio = new AvroKafkaDeserializer<>();
        apicurio.configure(registry, false);
        yield apicurio;
      }
      default -> throw new IllegalArgumentException("unknown --format " + format);
    };
  }

  /** Earshot's single-object deserializer, typed as the generic records it returns. */
  private static final class SingleObject implements Deserializer<GenericRecord> {
    private final AvroEventDeserializer events = new AvroEventDeserializer();

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
      return (GenericRecord) events.deserialize(topic, data);
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}

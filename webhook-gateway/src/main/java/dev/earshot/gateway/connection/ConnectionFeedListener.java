package dev.earshot.gateway.connection;

import dev.earshot.events.Topics;
import dev.earshot.gateway.GatewayProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.event.ConsumerFailedToStartEvent;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;
import org.springframework.stereotype.Component;

/**
 * Follows gong.connections.v1 into the {@link ConnectionTable}: every partition, from the
 * beginning, without a consumer group (every replica needs every connection), through a
 * spring-kafka listener container with explicit assignment (the "Manually Assigning All Partitions"
 * tip of the Spring for Apache Kafka reference). Until the topic's partitions are known (broker
 * unreachable, topic not created yet) it asks again with {@link Backoff} for as long as that lasts.
 *
 * <p>Nothing stops it but the application: an unreadable record is set aside ({@code
 * earshot.gateway.connections.unreadable{reason}} and a log line); broker outages are retried by
 * the consumer, and consumer errors after a backoff. {@link FeedProgress} keeps the {@link
 * FeedCondition} (readiness, liveness) up to date; a consumer thread that ends unexpectedly ends
 * the feed, which fails liveness.
 */
@Component
class ConnectionFeedListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConnectionFeedListener.class);

  private final FeedCondition condition;
  private final FeedConsumers consumers;
  private final GatewayProperties.Feed settings;
  private final Backoff backoff;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ApplyingRecords applying;
  private final Object lifecycle = new Object();
  private volatile boolean running;
  private volatile boolean stopping;
  private Thread finder;
  private KafkaMessageListenerContainer<String, Object> container;

  ConnectionFeedListener(
      ConnectionTable table,
      FeedCondition condition,
      FeedConsumers consumers,
      GatewayProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.condition = condition;
    this.consumers = consumers;
    this.settings = properties.feed();
    this.backoff = new Backoff(settings.retryInitial(), settings.retryMax());
    this.clock = clock;
    this.meters = meters;
    this.applying = new ApplyingRecords(table, meters);
    Gauge.builder("earshot.gateway.connections", table, ConnectionTable::size)
        .description("connections the gateway accepts webhooks for")
        .register(meters);
    Gauge.builder("earshot.gateway.connections.caught_up", table, t -> t.ready() ? 1 : 0)
        .description("1 while the table is known to hold everything on gong.connections.v1")
        .register(meters);
    Gauge.builder(
            "earshot.gateway.connections.staleness", this, ConnectionFeedListener::staleSeconds)
        .description("seconds since the table last held everything on the topic (NaN: never)")
        .baseUnit("seconds")
        .register(meters);
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      stopping = false;
      condition.started();
      running = true;
      finder =
          Thread.ofPlatform().name("connection-feed-start").daemon().start(this::findTopicOrEnd);
    }
  }

  /** The starting thread's boundary: whatever escapes ends the feed, visibly. */
  private void findTopicOrEnd() {
    try {
      findTopic();
    } catch (RuntimeException unexpected) {
      end("starting it failed: " + unexpected.getClass().getSimpleName());
      log.atError().setCause(unexpected).log("connection feed could not start");
    }
  }

  /**
   * Asks for the topic's partitions until it has them, then starts the container on them; a
   * container that cannot start (its consumer not created) counts as one more failed attempt.
   */
  private void findTopic() {
    int failures = 0;
    while (!stopping) {
      try {
        List<TopicPartition> partitions = partitions();
        if (!partitions.isEmpty()) {
          follow(partitions);
          return;
        }
        failures = condition.failed(Topics.CONNECTIONS + " does not exist yet");
        count("find-topic", "topic-missing");
        log.atWarn()
            .addKeyValue("topic", Topics.CONNECTIONS)
            .addKeyValue("attempt", failures)
            .log("connection topic not found; asking again");
      } catch (KafkaException failure) {
        if (stopping) {
          return;
        }
        failures = failed("find-topic", failure);
      }
      try {
        Thread.sleep(backoff.after(failures));
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<TopicPartition> partitions() {
    try (Consumer<String, Object> probe = consumers.factory().createConsumer(null, "-probe")) {
      var found = probe.partitionsFor(Topics.CONNECTIONS, settings.requestTimeout());
      return found == null
          ? List.of()
          : found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
  }

  private void follow(List<TopicPartition> partitions) {
    FeedProgress progress =
        new FeedProgress(
            condition, clock, settings.checkInterval(), settings.requestTimeout(), this::failed);
    ContainerProperties properties =
        new ContainerProperties(
            partitions.stream()
                .map(
                    p -> new TopicPartitionOffset(p.topic(), p.partition(), SeekPosition.BEGINNING))
                .toArray(TopicPartitionOffset[]::new));
    properties.setMessageListener(
        (BatchConsumerAwareMessageListener<String, Object>)
            (records, consumer) -> {
              records.forEach(applying::apply);
              progress.check(consumer, consumer.assignment());
            });
    properties.setPollTimeout(settings.pollInterval().toMillis());
    properties.setIdleEventInterval(settings.checkInterval().toMillis());
    properties.setIdleBeforeDataMultiplier(1.0);
    properties.setAuthExceptionRetryInterval(settings.retryMax());
    properties.setClientId(FeedConsumers.CLIENT_ID);
    properties.setObservationEnabled(false);
    synchronized (lifecycle) {
      if (stopping) {
        return;
      }
      KafkaMessageListenerContainer<String, Object> following =
          new KafkaMessageListenerContainer<>(consumers.factory(), properties);
      following.setBeanName("connection-feed");
      following.setCommonErrorHandler(new PollErrors());
      following.setApplicationEventPublisher(event -> onContainerEvent(event, progress));
      following.start();
      container = following;
    }
    log.atInfo()
        .addKeyValue("topic", Topics.CONNECTIONS)
        .addKeyValue("partitions", partitions.size())
        .log("following the connection topic from the beginning");
  }

  /**
   * What the container tells about its consumer, on the consumer thread: idle (check progress), an
   * authentication retry (a failed attempt), stopped or not started without the application asking
   * (the feed ended: liveness DOWN).
   */
  void onContainerEvent(Object event, FeedProgress progress) {
    switch (event) {
      case ListenerContainerIdleEvent idle ->
          progress.check(idle.getConsumer(), idle.getTopicPartitions());
      case ConsumerRetryAuthEvent auth ->
          failed("authenticate", new KafkaException(String.valueOf(auth.getReason())));
      case ConsumerStoppedEvent stopped -> {
        if (!stopping) {
          end("its consumer stopped (" + stopped.getReason() + ")");
        }
      }
      case ConsumerFailedToStartEvent notStarted -> end("its consumer failed to start");
      default -> {}
    }
  }

  /** Counts and logs a failed attempt; returns consecutive failures, this one included. */
  private int failed(String stage, KafkaException failure) {
    int failures = condition.failed(stage + ": " + failure.getClass().getSimpleName());
    count(stage, failure.getClass().getSimpleName());
    log.atWarn()
        .addKeyValue("topic", Topics.CONNECTIONS)
        .addKeyValue("stage", stage)
        .addKeyValue("attempt", failures)
        .addKeyValue("error", failure.getClass().getSimpleName())
        .addKeyValue("message", failure.getMessage())
        .log("connection feed attempt failed; retrying");
    return failures;
  }

  private void count(String stage, String error) {
    meters
        .counter("earshot.gateway.connections.feed.failures", "stage", stage, "error", error)
        .increment();
  }

  private void end(String because) {
    condition.ended(because);
    log.atError()
        .addKeyValue("topic", Topics.CONNECTIONS)
        .addKeyValue("reason", because)
        .log("connection feed ended; liveness is DOWN so the replica is restarted");
  }

  private double staleSeconds() {
    Instant asOf = condition.state().currentAsOf();
    return asOf == null ? Double.NaN : Duration.between(asOf, clock.instant()).toMillis() / 1000.0;
  }

  /**
   * Errors of the consumer itself (not of a record, which {@link ApplyingRecords} sets aside):
   * counted, then the consumer waits with {@link Backoff} before polling again, for as long as they
   * last.
   */
  private final class PollErrors implements CommonErrorHandler {
    @Override
    public void handleOtherException(
        Exception thrown,
        Consumer<?, ?> consumer,
        MessageListenerContainer container,
        boolean batchListener) {
      KafkaException failure =
          thrown instanceof KafkaException kafka ? kafka : new KafkaException(thrown);
      int failures = failed("poll", failure);
      try {
        ListenerUtils.stoppableSleep(container, backoff.after(failures).toMillis());
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void stop() {
    Thread starting;
    KafkaMessageListenerContainer<String, Object> following;
    synchronized (lifecycle) {
      stopping = true;
      running = false;
      condition.stopped();
      starting = finder;
      following = container;
      container = null;
    }
    if (starting != null) {
      starting.interrupt();
    }
    if (following != null) {
      following.stop();
    }
    if (starting != null) {
      try {
        starting.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}

package dev.earshot.kit.kafka;

import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.events.serde.RegistryEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * How every listener retries and dead-letters, by {@link FailureClassifier class of failure}:
 * transient failures (outages) are retried with a capped exponential backoff for as long as they
 * last and never dead-lettered; poison records go to {@code <topic>.dlt} at once; anything else is
 * retried {@code earshot.kafka.retry.max-retries} times, then dead-lettered. Waits pause the
 * listener instead of blocking its consumer, so no wait gets a consumer evicted from its group. A
 * dead letter carries the exception in its headers ({@code kafka_dlt-exception-*}); records that
 * could not even be deserialized are forwarded as their original bytes.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties({KafkaRetryProperties.class, DeadLetterProperties.class})
public class KafkaDeadLetters {

  public static final String DEAD_LETTER_METRIC = "earshot.kafka.dead.letters";

  private static final Logger log = LoggerFactory.getLogger(KafkaDeadLetters.class);

  /** An attempt may take this long (model timeouts) before its failure is seen. */
  private static final Duration SLOW_ATTEMPT = Duration.ofMinutes(5);

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ConsumerFactory.class)
  FailureClassifier earshotFailureClassifier(KafkaRetryProperties retry) {
    return FailureClassifier.of(retry, KafkaDeadLetters.class.getClassLoader());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ConsumerFactory.class)
  RetryingListeners earshotRetryingListeners(
      KafkaRetryProperties retry,
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<Clock> clock) {
    return new RetryingListeners(
        meters.getIfAvailable(),
        clock.getIfAvailable(Clock::systemUTC),
        retry.transientMaxInterval().multipliedBy(2).plus(SLOW_ATTEMPT));
  }

  /**
   * The records waiting in this service's dead-letter topics, as a gauge ({@link
   * DeadLetterBacklog}).
   */
  @Bean
  @ConditionalOnBean(ConsumerFactory.class)
  @ConditionalOnProperty(
      prefix = "earshot.kafka.dead-letters",
      name = "backlog-enabled",
      matchIfMissing = true)
  DeadLetterBacklog earshotDeadLetterBacklog(
      ConsumerFactory<?, ?> consumers,
      ObjectProvider<KafkaListenerEndpointRegistry> listeners,
      ObjectProvider<MeterRegistry> meters,
      DeadLetterProperties properties) {
    return new DeadLetterBacklog(
        consumers.getConfigurationProperties(),
        () -> {
          Set<String> topics = new TreeSet<>();
          listeners.ifAvailable(
              registry ->
                  registry
                      .getListenerContainers()
                      .forEach(
                          container -> {
                            String[] named = container.getContainerProperties().getTopics();
                            if (named != null) {
                              topics.addAll(Arrays.asList(named));
                            }
                          }));
          return topics;
        },
        meters.getIfAvailable(SimpleMeterRegistry::new),
        properties.backlogInterval());
  }

  @Bean
  @ConditionalOnBean(ConsumerFactory.class)
  ListenerPauses earshotListenerPauses() {
    return new ListenerPauses();
  }

  @Bean("kafkaRetriesHealthIndicator")
  @ConditionalOnBean(ConsumerFactory.class)
  RetryingListenersHealth kafkaRetriesHealthIndicator(RetryingListeners retrying) {
    return new RetryingListenersHealth(retrying);
  }

  @Bean
  @ConditionalOnMissingBean(RecordInterceptor.class)
  @ConditionalOnBean(ConsumerFactory.class)
  RecordInterceptor<Object, Object> earshotRecordSuccess(RetryingListeners retrying) {
    return new ListenerSuccess.OfRecords(retrying);
  }

  @Bean
  @ConditionalOnMissingBean(BatchInterceptor.class)
  @ConditionalOnBean(ConsumerFactory.class)
  BatchInterceptor<Object, Object> earshotBatchSuccess(RetryingListeners retrying) {
    return new ListenerSuccess.OfBatches(retrying);
  }

  /**
   * For listeners without Kafka transactions. With transactions the after-rollback processor below
   * handles every failure alone: spring-kafka would otherwise run both on each failure, counting
   * and retrying it twice.
   */
  @Bean
  @ConditionalOnMissingBean(CommonErrorHandler.class)
  @ConditionalOnBean({ProducerFactory.class, ConsumerFactory.class})
  @Conditional(NotTransactional.class)
  CommonErrorHandler earshotKafkaErrorHandler(
      ProducerFactory<?, ?> producerFactory,
      KafkaRetryProperties retry,
      FailureClassifier classifier,
      RetryingListeners retrying,
      ListenerPauses pauses,
      ObjectProvider<MeterRegistry> meters) {
    return new ClassifyingErrorHandler(
        recoverer(producerFactory, meters), new RetryBackOffs(retry), classifier, retrying, pauses);
  }

  /**
   * For services that consume and produce in Kafka transactions: a failed transaction is rolled
   * back and the record retried by the same classification, then dead-lettered and its offset
   * committed in a new transaction, so the consumer moves on exactly once.
   */
  @Bean
  @ConditionalOnProperty(prefix = "spring.kafka.producer", name = "transaction-id-prefix")
  @ConditionalOnMissingBean(AfterRollbackProcessor.class)
  @ConditionalOnBean({KafkaTemplate.class, ConsumerFactory.class})
  AfterRollbackProcessor<Object, Object> earshotAfterRollbackProcessor(
      ProducerFactory<?, ?> producerFactory,
      KafkaTemplate<?, ?> template,
      KafkaRetryProperties retry,
      FailureClassifier classifier,
      RetryingListeners retrying,
      ListenerPauses pauses,
      ObjectProvider<MeterRegistry> meters) {
    return new ClassifyingAfterRollbackProcessor(
        recoverer(producerFactory, meters),
        new RetryBackOffs(retry),
        classifier,
        retrying,
        pauses,
        template);
  }

  /** No {@code spring.kafka.producer.transaction-id-prefix}: listeners run without transactions. */
  static final class NotTransactional extends NoneNestedConditions {
    NotTransactional() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = "spring.kafka.producer", name = "transaction-id-prefix")
    static final class Transactional {}
  }

  private static ConsumerRecordRecoverer recoverer(
      ProducerFactory<?, ?> producerFactory, ObjectProvider<MeterRegistry> meters) {
    DeadLetterPublishingRecoverer publisher =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate(producerFactory),
            (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
    publisher.setFailIfSendResultIsError(true);
    return (record, failure) -> {
      publisher.accept(record, failure);
      log.atWarn()
          .addKeyValue("topic", record.topic())
          .addKeyValue("partition", record.partition())
          .addKeyValue("offset", record.offset())
          .addKeyValue("deadLetterTopic", Topics.deadLetterOf(record.topic()))
          .addKeyValue("exception", reportedCause(failure).getClass().getName())
          .setCause(failure)
          .log("record dead-lettered");
      meters.ifAvailable(
          registry -> registry.counter(DEAD_LETTER_METRIC, "topic", record.topic()).increment());
    };
  }

  /**
   * Dead letters carry either a decoded event or the raw bytes of a record that failed to
   * deserialize, so the template serializes by type. It is not transactional, so a dead letter is
   * written even when the failed consume-produce transaction is rolled back.
   */
  private static KafkaTemplate<Object, Object> deadLetterTemplate(ProducerFactory<?, ?> factory) {
    Map<String, Object> config = new HashMap<>(factory.getConfigurationProperties());
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    DefaultKafkaProducerFactory<Object, Object> deadLetters =
        new DefaultKafkaProducerFactory<>(config, byType(config), byType(config));
    return new KafkaTemplate<>(deadLetters);
  }

  /**
   * Events are written in the service's wire format (the registry serializer when the producer
   * factory names it, configured from the same settings by the factory), so a dead letter's value
   * is encoded like the record it replaces.
   */
  private static DelegatingByTypeSerializer byType(Map<String, Object> config) {
    Object valueSerializer = config.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    String name =
        valueSerializer instanceof Class<?> type ? type.getName() : String.valueOf(valueSerializer);
    Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
    delegates.put(byte[].class, new ByteArraySerializer());
    delegates.put(String.class, new StringSerializer());
    delegates.put(
        SpecificRecord.class,
        RegistryEventSerializer.class.getName().equals(name)
            ? new RegistryEventSerializer()
            : new AvroEventSerializer());
    return new DelegatingByTypeSerializer(delegates, true);
  }

  /**
   * What a dead letter's log line names: the listener's own failure, not spring-kafka's {@code
   * ListenerExecutionFailedException} wrapper around it (the dead-letter headers name the same
   * cause, so log and topic agree).
   */
  static Throwable reportedCause(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof org.springframework.kafka.listener.ListenerExecutionFailedException
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}

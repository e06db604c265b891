package dev.earshot.kit.kafka;

import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Bounded retries with exponential backoff, then the record goes to {@code <topic>.dlt} with the
 * exception in its headers ({@code kafka_dlt-exception-*}). Nothing is dropped: records that could
 * not even be deserialized are forwarded as their original bytes.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(KafkaRetryProperties.class)
public class KafkaDeadLetters {

  public static final String DEAD_LETTER_METRIC = "earshot.kafka.dead.letters";

  @Bean
  @ConditionalOnMissingBean(CommonErrorHandler.class)
  @ConditionalOnBean(ProducerFactory.class)
  DefaultErrorHandler earshotKafkaErrorHandler(
      ProducerFactory<?, ?> producerFactory,
      KafkaRetryProperties retry,
      ObjectProvider<MeterRegistry> meters) {
    DefaultErrorHandler handler =
        new DefaultErrorHandler(recoverer(producerFactory, meters), backOff(retry));
    handler.addNotRetryableExceptions(PoisonRecord.class);
    return handler;
  }

  /**
   * For services that consume and produce in Kafka transactions: a failed transaction is rolled
   * back, the record retried as above, then dead-lettered and its offset committed in a new
   * transaction, so the consumer moves on exactly once.
   */
  @Bean
  @ConditionalOnProperty(prefix = "spring.kafka.producer", name = "transaction-id-prefix")
  @ConditionalOnMissingBean(AfterRollbackProcessor.class)
  @ConditionalOnBean(KafkaTemplate.class)
  DefaultAfterRollbackProcessor<Object, Object> earshotAfterRollbackProcessor(
      ProducerFactory<?, ?> producerFactory,
      KafkaTemplate<?, ?> template,
      KafkaRetryProperties retry,
      ObjectProvider<MeterRegistry> meters) {
    DefaultAfterRollbackProcessor<Object, Object> processor =
        new DefaultAfterRollbackProcessor<>(
            recoverer(producerFactory, meters), backOff(retry), template, true);
    processor.addNotRetryableExceptions(PoisonRecord.class);
    return processor;
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
      meters.ifAvailable(
          registry -> registry.counter(DEAD_LETTER_METRIC, "topic", record.topic()).increment());
    };
  }

  private static ExponentialBackOffWithMaxRetries backOff(KafkaRetryProperties retry) {
    ExponentialBackOffWithMaxRetries backOff =
        new ExponentialBackOffWithMaxRetries(retry.maxRetries());
    backOff.setInitialInterval(retry.initialInterval().toMillis());
    backOff.setMultiplier(retry.multiplier());
    backOff.setMaxInterval(retry.maxInterval().toMillis());
    return backOff;
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
        new DefaultKafkaProducerFactory<>(config, byType(), byType());
    return new KafkaTemplate<>(deadLetters);
  }

  private static DelegatingByTypeSerializer byType() {
    Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
    delegates.put(byte[].class, new ByteArraySerializer());
    delegates.put(String.class, new StringSerializer());
    delegates.put(SpecificRecord.class, new AvroEventSerializer());
    return new DelegatingByTypeSerializer(delegates, true);
  }
}

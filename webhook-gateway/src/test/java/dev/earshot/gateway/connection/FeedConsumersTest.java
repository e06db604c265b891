package dev.earshot.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The feed connects the way the service does: Boot's Kafka client settings reach its consumer. */
class FeedConsumersTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
          .withUserConfiguration(FeedConsumers.class);

  @Test
  void securitySslAndSaslSettingsOfTheServiceReachTheFeedsConsumer() {
    context
        .withPropertyValues(
            "spring.kafka.bootstrap-servers=broker-1.prod:9094,broker-2.prod:9094",
            "spring.kafka.security.protocol=SASL_SSL",
            "spring.kafka.ssl.trust-store-type=PKCS12",
            "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
            "spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram"
                + ".ScramLoginModule required username=\"gw\" password=\"pw\";",
            "spring.kafka.consumer.properties.isolation.level=read_committed")
        .run(
            app -> {
              var settings = app.getBean(FeedConsumers.class).configuration();

              assertThat(settings)
                  .containsEntry(
                      ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                      java.util.List.of("broker-1.prod:9094", "broker-2.prod:9094"))
                  .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                  .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12")
                  .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                  .containsKey(SaslConfigs.SASL_JAAS_CONFIG)
                  .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
              assertThat(app.getBean(FeedConsumers.class).factory().getConfigurationProperties())
                  .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                  .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
            });
  }

  @Test
  void theFeedNeverJoinsAGroupCommitsOrCreatesTheTopic() {
    context
        .withPropertyValues(
            "spring.kafka.consumer.group-id=a-group-for-other-consumers",
            "spring.kafka.consumer.enable-auto-commit=true",
            "spring.kafka.consumer.auto-offset-reset=latest")
        .run(
            app -> {
              var settings = app.getBean(FeedConsumers.class).configuration();

              assertThat(settings)
                  .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                  .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                  .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                  .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)
                  .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, FeedConsumers.CLIENT_ID);
            });
  }
}

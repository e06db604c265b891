package dev.earshot.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.events.serde.RegistryUnavailableException;
import dev.earshot.kit.failure.PermanentFailure;
import jakarta.validation.ConstraintViolationException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.TransactionSystemException;

class FailureClassifierTest {

  /** An exception a service adds, as dedup adds its embedding provider's. */
  static class ProviderUnavailable extends RuntimeException {
    ProviderUnavailable(String message) {
      super(message);
    }
  }

  private static KafkaRetryProperties properties(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("earshot.kafka.retry", KafkaRetryProperties.class);
  }

  private static FailureClassifier classifier(Map<String, String> settings) {
    return FailureClassifier.of(properties(settings), FailureClassifierTest.class.getClassLoader());
  }

  private final FailureClassifier defaults = classifier(Map.of());
  private final ConsumerRecord<String, Object> record = new ConsumerRecord<>("t", 0, 7, "k", "v");

  private static RuntimeException fromListener(Throwable cause) {
    return new ListenerExecutionFailedException("listener failed", cause);
  }

  @Test
  void aDatabaseThatCannotBeReachedIsTransientThroughTheListenerWrapper() {
    Failure failure =
        defaults.classify(
            record,
            fromListener(
                new CannotGetJdbcConnectionException("no connection", new SQLException("x"))));

    assertThat(failure).isInstanceOf(Failure.Transient.class);
    assertThat(failure.cause()).isInstanceOf(CannotGetJdbcConnectionException.class);
  }

  @Test
  void aRetriableBrokerErrorAndANetworkTimeoutAreTransient() {
    assertThat(defaults.classify(record, fromListener(new NotLeaderOrFollowerException("moved"))))
        .isInstanceOf(Failure.Transient.class);
    assertThat(
            defaults.classify(
                record,
                fromListener(
                    new IllegalStateException("call failed", new SocketTimeoutException("read")))))
        .isInstanceOf(Failure.Transient.class);
  }

  @Test
  void aSqlStateOfAnUnreachableOrShuttingDownDatabaseIsTransientWithoutTranslation() {
    // 25006: a primary demoted in a failover, reached through a connection opened before it
    for (String state :
        new String[] {"08006", "08001", "57P01", "53300", "40001", "40P01", "25006"}) {
      assertThat(defaults.classify(record, new SQLException("down", state)))
          .as(state)
          .isInstanceOf(Failure.Transient.class);
    }
    assertThat(defaults.classify(record, new SQLException("duplicate key", "23505")))
        .isInstanceOf(Failure.Unexpected.class);
  }

  @Test
  void theExceptionBehindAFailedRollbackDecides() {
    TransactionSystemException rollbackFailed =
        new TransactionSystemException("JDBC rollback failed", new SQLException("closed"));
    rollbackFailed.initApplicationException(new SQLException("terminating connection", "57P01"));

    assertThat(defaults.classify(record, rollbackFailed)).isInstanceOf(Failure.Transient.class);
  }

  @Test
  void anUnreadableRecordIsPoisonWhetherThrownOrMarkedInItsHeaders() {
    DeserializationException unreadable =
        new DeserializationException("bad", new byte[] {1}, false, new RuntimeException());
    assertThat(defaults.classify(record, fromListener(unreadable)))
        .isInstanceOf(Failure.Poison.class);

    ConsumerRecord<String, Object> marked = new ConsumerRecord<>("t", 0, 8, "k", null);
    marked.headers().add(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, new byte[] {1});
    assertThat(defaults.classify(marked, new IllegalStateException("not a CallEvent")))
        .isInstanceOf(Failure.Poison.class);
  }

  @Test
  void aSchemaRegistryThatCannotBeAskedIsTransientWhileItsRefusalIsPoison() {
    DeserializationException registryDown =
        new DeserializationException(
            "bad",
            new byte[] {0},
            false,
            new RegistryUnavailableException("unavailable", new java.net.ConnectException()));
    assertThat(defaults.classify(record, fromListener(registryDown)))
        .isInstanceOf(Failure.Transient.class);
    assertThat(
            defaults.classify(
                record,
                new org.springframework.kafka.KafkaException(
                    "Send failed", new RegistryUnavailableException("unavailable", null))))
        .isInstanceOf(Failure.Transient.class);
    assertThat(
            defaults.classify(
                record,
                new org.apache.kafka.common.errors.SerializationException("Incompatible artifact")))
        .isInstanceOf(Failure.Poison.class);
  }

  @Test
  void aDeclaredPoisonRecordIsPoisonEvenWithATransientCauseBelowIt() {
    Failure failure =
        defaults.classify(
            record,
            fromListener(
                new PoisonRecord("answer stays invalid", new SocketTimeoutException("read"))));

    assertThat(failure).isInstanceOf(Failure.Poison.class);
    assertThat(failure.rule()).isEqualTo("declared poison");
  }

  /** A domain's own exception that says retrying cannot fix it, without knowing Kafka. */
  static class AnswerStaysInvalid extends RuntimeException implements PermanentFailure {
    AnswerStaysInvalid(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Test
  void aDomainPermanentFailureIsDeclaredPoisonEvenWithATransientCauseBelowIt() {
    Failure failure =
        defaults.classify(
            record,
            fromListener(
                new AnswerStaysInvalid(
                    "answer stays invalid", new SocketTimeoutException("read"))));

    assertThat(failure).isInstanceOf(Failure.Poison.class);
    assertThat(failure.rule()).isEqualTo("declared poison");
    assertThat(failure.cause()).isInstanceOf(AnswerStaysInvalid.class);
  }

  @Test
  void anInvalidValueIsPoison() {
    assertThat(
            defaults.classify(
                record, fromListener(new ConstraintViolationException("blank", Set.of()))))
        .isInstanceOf(Failure.Poison.class);
  }

  @Test
  void anythingElseIsUnexpected() {
    assertThat(defaults.classify(record, fromListener(new IllegalStateException("a bug"))))
        .isInstanceOf(Failure.Unexpected.class);
  }

  @Test
  void aServiceAddsItsOwnTransientExceptionsAndKeepsTheDefaults() {
    FailureClassifier dedup =
        classifier(
            Map.of(
                "earshot.kafka.retry.more-transient-exceptions",
                ProviderUnavailable.class.getName()));

    assertThat(dedup.classify(record, fromListener(new ProviderUnavailable("voyage 503"))))
        .isInstanceOf(Failure.Transient.class);
    assertThat(dedup.classify(record, new SQLException("down", "08006")))
        .isInstanceOf(Failure.Transient.class);
    assertThat(defaults.classify(record, fromListener(new ProviderUnavailable("voyage 503"))))
        .isInstanceOf(Failure.Unexpected.class);
  }

  @Test
  void aNestedClassMayBeNamedAsInSource() {
    FailureClassifier dedup =
        classifier(
            Map.of(
                "earshot.kafka.retry.more-transient-exceptions",
                "dev.earshot.kit.kafka.FailureClassifierTest.ProviderUnavailable"));

    assertThat(dedup.classify(record, fromListener(new ProviderUnavailable("voyage 503"))))
        .isInstanceOf(Failure.Transient.class);
  }

  @Test
  void settingTheTransientListReplacesItsDefault() {
    FailureClassifier only =
        classifier(
            Map.of(
                "earshot.kafka.retry.transient-exceptions", ProviderUnavailable.class.getName()));

    assertThat(
            only.classify(
                record, fromListener(new CannotGetJdbcConnectionException("no connection"))))
        .isInstanceOf(Failure.Unexpected.class);
  }

  @Test
  void aTransientClassThatIsNotOnTheClasspathFailsTheStartNamingTheSetting() {
    assertThatThrownBy(
            () ->
                classifier(
                    Map.of(
                        "earshot.kafka.retry.more-transient-exceptions",
                        "dev.earshot.NoSuchException")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more-transient-exceptions")
        .hasMessageContaining("dev.earshot.NoSuchException");
  }

  @Test
  void aCycleOfCausesEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    assertThat(defaults.classify(record, a)).isInstanceOf(Failure.Unexpected.class);
  }

  @Test
  void theDefaultsMatchTheirDocumentation() {
    KafkaRetryProperties retry = properties(Map.of());

    assertThat(retry.transientInitialInterval()).hasSeconds(1);
    assertThat(retry.transientMaxInterval()).hasMinutes(1);
    assertThat(retry.maxRetries()).isEqualTo(3);
    assertThat(retry.allTransientExceptions())
        .contains(
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "java.sql.SQLTransientException",
            "java.sql.SQLRecoverableException",
            "org.apache.kafka.common.errors.RetriableException");
  }
}

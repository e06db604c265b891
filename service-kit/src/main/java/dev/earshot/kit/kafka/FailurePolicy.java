package dev.earshot.kit.kafka;

import dev.earshot.events.serde.RegistryUnavailableException;
import dev.earshot.kit.failure.PermanentFailure;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.core.convert.ConversionException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;

/**
 * One named rule of {@link FailureClassifier}: it classifies a failure, or passes it on (empty).
 * The rules are tried in the order of {@link #all}; poison rules come first, so a record a service
 * declared poison is never retried for ever because of a transient cause deeper down.
 */
@FunctionalInterface
public interface FailurePolicy {

  /**
   * @param record the failed record, or null when a failure concerns a whole batch
   * @param causes the failure followed by its causes, outermost first
   */
  Optional<Failure> classify(ConsumerRecord<?, ?> record, List<Throwable> causes);

  /**
   * Every rule, in order.
   *
   * @param transientTypes the exception classes that mark a failure transient
   */
  static List<FailurePolicy> all(List<Class<? extends Throwable>> transientTypes) {
    return List.of(
        unreadableRecordIsPoison(),
        declaredPoisonIsPoison(),
        unconvertibleOrInvalidValueIsPoison(),
        configuredExceptionIsTransient(transientTypes),
        unavailableDatabaseIsTransient());
  }

  /**
   * A record whose key or value could not be deserialized ({@code ErrorHandlingDeserializer} put
   * the failure in a header, which is how a batch listener receives it) stays unreadable; unless
   * the schema registry could not be asked ({@link RegistryUnavailableException}, a retriable
   * exception, so the record is retried as transient until the registry is back).
   */
  static FailurePolicy unreadableRecordIsPoison() {
    return (record, causes) -> {
      if (firstInstance(causes, List.of(RegistryUnavailableException.class)).isPresent()) {
        return Optional.empty();
      }
      Optional<Failure> thrown =
          firstInstance(causes, List.of(DeserializationException.class))
              .map(cause -> new Failure.Poison(cause, "unreadable record"));
      if (thrown.isPresent() || record == null) {
        return thrown;
      }
      boolean marked =
          record.headers().lastHeader(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null
              || record.headers().lastHeader(KafkaUtils.KEY_DESERIALIZER_EXCEPTION_HEADER) != null;
      return marked
          ? Optional.of(new Failure.Poison(causes.getFirst(), "unreadable record"))
          : Optional.empty();
    };
  }

  /**
   * A service said so: a {@link PermanentFailure}, which is {@link PoisonRecord} (thrown by a
   * listener) or a domain's own exception that implements the plain-Java marker.
   */
  static FailurePolicy declaredPoisonIsPoison() {
    return (record, causes) ->
        causes.stream()
            .filter(PermanentFailure.class::isInstance)
            .findFirst()
            .map(cause -> new Failure.Poison(cause, "declared poison"));
  }

  /**
   * A value that cannot be converted to what the listener takes, or that fails its validation,
   * fails the same way every time; so does an event that cannot be serialized.
   */
  static FailurePolicy unconvertibleOrInvalidValueIsPoison() {
    List<Class<? extends Throwable>> types =
        List.of(
            MessageConversionException.class,
            ConversionException.class,
            MethodArgumentResolutionException.class,
            jakarta.validation.ValidationException.class,
            SerializationException.class,
            ClassCastException.class,
            NoSuchMethodException.class);
    return (record, causes) ->
        firstInstance(causes, types)
            .map(cause -> new Failure.Poison(cause, "unconvertible or invalid value"));
  }

  /** {@code earshot.kafka.retry.transient-exceptions} and {@code more-transient-exceptions}. */
  static FailurePolicy configuredExceptionIsTransient(
      List<Class<? extends Throwable>> transientTypes) {
    List<Class<? extends Throwable>> types = List.copyOf(transientTypes);
    return (record, causes) ->
        firstInstance(causes, types)
            .map(cause -> new Failure.Transient(cause, "configured transient exception"));
  }

  /**
   * A SQL failure whose SQLSTATE says the database is unreachable, out of resources, shutting down
   * or starting, cannot write now ({@code 25006} read_only_sql_transaction: during a failover a
   * pooled connection still reaches the old primary, now a standby, until the pool replaces it), or
   * asks for the transaction to be retried (serialization failure, deadlock), even when no
   * translation to a Spring exception happened (e.g. a failed commit, wrapped in {@code
   * TransactionSystemException}). Classes from the SQL standard and PostgreSQL's "Appendix A.
   * PostgreSQL Error Codes".
   */
  static FailurePolicy unavailableDatabaseIsTransient() {
    Set<String> classes = Set.of("08", "53");
    Set<String> codes = Set.of("57P01", "57P02", "57P03", "40001", "40P01", "25006");
    return (record, causes) ->
        causes.stream()
            .filter(SQLException.class::isInstance)
            .filter(
                cause -> {
                  String state = ((SQLException) cause).getSQLState();
                  return state != null
                      && state.length() == 5
                      && (classes.contains(state.substring(0, 2)) || codes.contains(state));
                })
            .findFirst()
            .map(cause -> new Failure.Transient(cause, "database unavailable (SQLSTATE)"));
  }

  private static Optional<Throwable> firstInstance(
      List<Throwable> causes, List<Class<? extends Throwable>> types) {
    return causes.stream()
        .filter(cause -> types.stream().anyMatch(type -> type.isInstance(cause)))
        .findFirst();
  }
}

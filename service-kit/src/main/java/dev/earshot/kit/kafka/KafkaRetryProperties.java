package dev.earshot.kit.kafka;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a consumer retries a record that failed ({@code earshot.kafka.retry.*}). What a failure is
 * decides how it is retried ({@link FailureClassifier}):
 *
 * <ul>
 *   <li><b>transient</b> (an outage: database, broker, network, a provider): retried with the
 *       {@code transient-*} backoff for as long as it lasts, never dead-lettered;
 *   <li><b>poison</b> (can never succeed): to {@code <topic>.dlt} at once;
 *   <li><b>unexpected</b> (a bug): {@code max-retries} retries with the backoff below, then {@code
 *       <topic>.dlt}, from where it is replayed once the bug is fixed.
 * </ul>
 *
 * @param maxRetries retries of an unexpected failure after the first attempt (default 3, so 4
 *     attempts in all)
 * @param initialInterval wait before the first retry of an unexpected failure (default 500 ms)
 * @param multiplier growth of that wait per retry (default 2.0)
 * @param maxInterval longest wait between retries of an unexpected failure (default 10 s)
 * @param transientExceptions fully-qualified names of exception classes that mark a failure as
 *     transient when the exception or any of its causes is an instance (subclasses count). The
 *     default covers database, transaction, broker and network failures; setting it replaces the
 *     default, so services add theirs to {@code more-transient-exceptions} instead. Every name must
 *     be on the classpath (a typo fails the start).
 * @param moreTransientExceptions a service's own transient exception classes, added to {@code
 *     transient-exceptions} (default none), e.g. an embedding provider's "unavailable" exception
 * @param transientInitialInterval wait before the first retry of a transient failure (default 1 s)
 * @param transientMultiplier growth of that wait per retry (default 2.0)
 * @param transientMaxInterval longest wait between retries of a transient failure (default 1 min);
 *     the listener is paused meanwhile, so it may exceed {@code max.poll.interval.ms}
 */
@Validated
@ConfigurationProperties("earshot.kafka.retry")
public record KafkaRetryProperties(
    @DefaultValue("3") @Min(0) int maxRetries,
    @DefaultValue("500ms") Duration initialInterval,
    @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
    @DefaultValue("10s") Duration maxInterval,
    @DefaultValue({
          "org.springframework.dao.TransientDataAccessException",
          "org.springframework.dao.DataAccessResourceFailureException",
          "org.springframework.dao.RecoverableDataAccessException",
          "org.springframework.transaction.CannotCreateTransactionException",
          "org.springframework.transaction.TransactionTimedOutException",
          "java.sql.SQLTransientException",
          "java.sql.SQLRecoverableException",
          "org.apache.kafka.common.errors.RetriableException",
          "java.net.SocketException",
          "java.net.SocketTimeoutException",
          "java.net.UnknownHostException",
          "java.net.http.HttpTimeoutException",
          "java.util.concurrent.TimeoutException"
        })
        List<String> transientExceptions,
    @DefaultValue List<String> moreTransientExceptions,
    @DefaultValue("1s") Duration transientInitialInterval,
    @DefaultValue("2.0") @DecimalMin("1.0") double transientMultiplier,
    @DefaultValue("1m") Duration transientMaxInterval) {

  /** {@code transient-exceptions} then {@code more-transient-exceptions}, without repeats. */
  public List<String> allTransientExceptions() {
    return Stream.concat(transientExceptions.stream(), moreTransientExceptions.stream())
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .distinct()
        .toList();
  }
}

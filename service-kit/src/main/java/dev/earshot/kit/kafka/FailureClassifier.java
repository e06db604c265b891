package dev.earshot.kit.kafka;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.transaction.TransactionSystemException;

/**
 * Decides whether a failed record is {@link Failure.Transient transient}, {@link Failure.Poison
 * poison} or {@link Failure.Unexpected unexpected}: the first of its {@link FailurePolicy rules}
 * that matches the failure or any of its causes wins. No Spring needed.
 */
public final class FailureClassifier {

  /** Cause chains are followed this deep at most (cycles are cut as well). */
  static final int MAX_CAUSES = 64;

  private final List<FailurePolicy> policies;

  public FailureClassifier(List<FailurePolicy> policies) {
    this.policies = List.copyOf(policies);
  }

  /**
   * The classifier of {@code earshot.kafka.retry.*}: every {@link FailurePolicy#all rule}, with the
   * configured transient exception classes.
   *
   * @throws IllegalStateException when a configured class name is not on the classpath or names no
   *     exception
   */
  public static FailureClassifier of(KafkaRetryProperties retry, ClassLoader classLoader) {
    List<Class<? extends Throwable>> types = new ArrayList<>();
    for (String name : retry.allTransientExceptions()) {
      types.add(exceptionClass(name, classLoader));
    }
    return new FailureClassifier(FailurePolicy.all(types));
  }

  /**
   * @param record the failed record, or null when the failure concerns a whole batch
   * @param failure what the listener (or the container) threw
   */
  public Failure classify(ConsumerRecord<?, ?> record, Throwable failure) {
    List<Throwable> causes = causes(failure);
    for (FailurePolicy policy : policies) {
      Optional<Failure> decided = policy.classify(record, causes);
      if (decided.isPresent()) {
        return decided.get();
      }
    }
    return new Failure.Unexpected(failure);
  }

  /**
   * The failure, its causes, and, for a transaction whose rollback failed too ({@link
   * TransactionSystemException}), the exception that made it roll back, with its causes: a
   * statement that fails because the database went away is reported that way, as "rollback failed".
   */
  static List<Throwable> causes(Throwable failure) {
    List<Throwable> causes = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> next = new ArrayDeque<>();
    if (failure != null) {
      next.add(failure);
    }
    while (!next.isEmpty() && causes.size() < MAX_CAUSES) {
      Throwable t = next.removeFirst();
      if (!seen.add(t)) {
        continue;
      }
      causes.add(t);
      if (t.getCause() != null) {
        next.addFirst(t.getCause());
      }
      if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null) {
        next.addLast(tx.getApplicationException());
      }
    }
    return causes;
  }

  private static Class<? extends Throwable> exceptionClass(String name, ClassLoader classLoader) {
    Class<?> type;
    try {
      type = Class.forName(name, false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "earshot.kafka.retry.transient-exceptions or more-transient-exceptions names "
              + name
              + ", which is not on the classpath",
          e);
    }
    if (!Throwable.class.isAssignableFrom(type)) {
      throw new IllegalStateException(
          "earshot.kafka.retry.transient-exceptions or more-transient-exceptions names "
              + name
              + ", which is not an exception");
    }
    return type.asSubclass(Throwable.class);
  }
}

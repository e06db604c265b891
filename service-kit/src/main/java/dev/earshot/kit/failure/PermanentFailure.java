package dev.earshot.kit.failure;

/**
 * Marks an exception that retrying cannot fix: the same input fails the same way every time (a
 * language model's answer that stays invalid after the re-ask, for instance). It is plain Java, so
 * a domain exception may implement it and stay free of Kafka; the kit's failure classification
 * treats a failure with such an exception anywhere in its cause chain as poison (rule "declared
 * poison"): the record is dead-lettered at once instead of after the retries, even when a transient
 * cause sits deeper down. {@code kit.kafka.PoisonRecord}, which listeners throw at the Kafka edge,
 * implements it.
 *
 * <p>Only a {@link Throwable} carries the mark; on anything else it means nothing.
 */
public interface PermanentFailure {}

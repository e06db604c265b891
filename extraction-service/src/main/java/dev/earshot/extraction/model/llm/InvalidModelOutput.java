package dev.earshot.extraction.model.llm;

import dev.earshot.kit.failure.PermanentFailure;

/**
 * The model's answer does not fit the schema or quotes sentences it was not given. It is a {@link
 * PermanentFailure} (plain Java, no Kafka): once the re-ask has failed too, asking again will not
 * help, so the kit dead-letters the call at once instead of retrying it.
 */
public class InvalidModelOutput extends RuntimeException implements PermanentFailure {

  public InvalidModelOutput(String message) {
    super(message);
  }
}

package dev.earshot.extraction.model.llm;

import dev.earshot.kit.kafka.PoisonRecord;

/** The model's answer does not fit the schema or quotes sentences it was not given. */
public class InvalidModelOutput extends PoisonRecord {

  public InvalidModelOutput(String message) {
    super(message);
  }
}

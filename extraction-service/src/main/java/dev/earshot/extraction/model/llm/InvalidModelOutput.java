package dev.earshot.extraction.model.llm;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.earshot.kit.failure.PermanentFailure;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The model's answer does not fit the schema or quotes sentences it was not given. It is a {@link
 * PermanentFailure} (plain Java, no Kafka): once the re-ask has failed too, asking again will not
 * help, so the kit dead-letters the call at once instead of retrying it.
 */
public class InvalidModelOutput extends RuntimeException implements PermanentFailure {

  public InvalidModelOutput(String message) {
    super(message);
  }

  /**
   * Returns when {@code answer} fits {@code schema}.
   *
   * @param what how the message names the schema, e.g. {@code the schema}
   * @throws InvalidModelOutput naming where and which rule failed (the first three), never the
   *     offending value, which may repeat the call's words
   */
  public static void unlessValid(Schema schema, JsonNode answer, String what) {
    List<Error> errors = schema.validate(answer);
    if (!errors.isEmpty()) {
      throw new InvalidModelOutput(
          "the answer does not match "
              + what
              + ": "
              + String.join(
                  "; ",
                  errors.stream()
                      .limit(3)
                      .map(e -> e.getInstanceLocation() + " fails " + e.getKeyword())
                      .toList()));
    }
  }
}

package dev.earshot.dedup.judge;

import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a judge's answer strictly: a JSON object with exactly one field, {@code post}, an integer
 * from 0 (none) to the number of candidates. Anything else (prose, a fenced block, a string "2",
 * 2.5, a number out of range, extra fields) is {@link Unreadable}.
 */
final class JudgeAnswers {

  private static final JsonMapper json = JsonMapper.builder().build();

  private JudgeAnswers() {}

  /** The answer does not follow the schema; the message says how, never what it said. */
  static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  static JsonNode read(String text) {
    try {
      return json.readTree(text == null ? "" : text);
    } catch (JacksonException e) {
      throw new Unreadable("the answer is not JSON");
    }
  }

  /** The picked candidate, or empty for 0 (none). */
  static Optional<UUID> pick(JsonNode answer, MatchJudge.Question question) {
    if (answer == null || !answer.isObject()) {
      throw new Unreadable("the answer is not a JSON object");
    }
    if (answer.size() != 1 || !answer.has("post")) {
      throw new Unreadable("the answer must hold exactly the field 'post'");
    }
    JsonNode post = answer.get("post");
    if (!post.isIntegralNumber() || !post.canConvertToInt()) {
      throw new Unreadable("'post' is not an integer");
    }
    int n = post.asInt();
    if (n < 0 || n > question.candidates().size()) {
      throw new Unreadable("'post' is " + n + ", not 0.." + question.candidates().size());
    }
    return n == 0 ? Optional.empty() : Optional.of(question.candidates().get(n - 1).postId());
  }
}

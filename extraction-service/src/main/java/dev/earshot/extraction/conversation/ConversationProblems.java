package dev.earshot.extraction.conversation;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** Errors of the conversations API. */
final class ConversationProblems {

  private ConversationProblems() {}

  static ApiProblem noSuchCall(String callId) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "no-such-call",
        "No such call",
        "No call "
            + callId
            + " of this org reached conversation mapping (not ingested yet, private, or another"
            + " org's).");
  }
}

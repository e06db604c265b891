package dev.earshot.assistant.call;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The calls API's errors, each with what to do about it. */
@RestControllerAdvice
public class CallProblems {

  static ApiProblem notFound(String callId) {
    return notFound(callId, " (calls arrive as Earshot ingests them; private calls never do).");
  }

  static ApiProblem notFoundAnywhere(String callId, String gongsReason) {
    return notFound(callId, ", and Gong has none it may show: " + gongsReason);
  }

  private static ApiProblem notFound(String callId, String why) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "call-not-found",
        "No such call",
        "This org holds no call with id '" + callId + "'" + why);
  }

  static ApiProblem gongUnavailable(String callId, String why) {
    return new ApiProblem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "call-source-unavailable",
        "The call could not be read from Gong now",
        "This org holds no call with id '"
            + callId
            + "' yet, and reading it from Gong through ingest-service failed ("
            + why
            + "). Try again later; ingested calls are still served.");
  }

  @ExceptionHandler(CallSearch.Invalid.class)
  ResponseEntity<ProblemDetail> invalidSearch(CallSearch.Invalid invalid) {
    return new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-call-search",
            "Invalid call search",
            invalid.getMessage())
        .response();
  }
}

package dev.earshot.assistant.question;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The questions API's errors: a question asked wrongly is 400 with what to fix. */
@RestControllerAdvice
public class QuestionProblems {

  @ExceptionHandler(Question.Invalid.class)
  ResponseEntity<ProblemDetail> invalid(Question.Invalid invalid) {
    return new ApiProblem(
            HttpStatus.BAD_REQUEST, "invalid-question", "Invalid question", invalid.getMessage())
        .response();
  }
}

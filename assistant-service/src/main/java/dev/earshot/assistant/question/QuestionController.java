package dev.earshot.assistant.question;

import dev.earshot.kit.security.CurrentOrg;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/assistant/questions}: a question about a customer, answered with citations.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
class QuestionController {

  /** The request: {@code {"customer", "question", "maxCalls"?}}. */
  record QuestionBody(String customer, String question, Integer maxCalls) {}

  private final AnsweringQuestions answering;

  QuestionController(AnsweringQuestions answering) {
    this.answering = answering;
  }

  @PostMapping("/api/v1/assistant/questions")
  Answer ask(@AuthenticationPrincipal Jwt jwt, @RequestBody QuestionBody body) {
    if (body == null) {
      throw new Question.Invalid("a JSON body {customer, question, maxCalls?} is required");
    }
    return answering.answer(
        CurrentOrg.of(jwt).orgId(), Question.of(body.customer(), body.question(), body.maxCalls()));
  }
}

package dev.earshot.kit.security;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A role the caller lacks is a 403 problem, not a server error. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityProblems {

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException denied) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.FORBIDDEN, "Your role may not do this; ask an org admin.");
    body.setTitle("Forbidden");
    body.setType(URI.create("https://earshot.dev/problems/forbidden"));
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body);
  }
}

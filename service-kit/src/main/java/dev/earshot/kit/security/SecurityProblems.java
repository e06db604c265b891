package dev.earshot.kit.security;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A role the caller lacks is a 403 problem, and a request Spring Security's firewall rejects while
 * a controller reads it (a query parameter whose name holds a control character such as NUL: the
 * firewall checks names when they are first read) a 400 problem, not a server error.
 */
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

  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(RequestRejectedException rejected) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "The request cannot be read: a parameter's name or value holds a character that is not"
                + " allowed (such as a control character). Send each parameter as name=value, its"
                + " name and value %-encoded (UTF-8).");
    body.setTitle("Rejected request");
    body.setType(URI.create("https://earshot.dev/problems/rejected-request"));
    return ResponseEntity.badRequest().body(body);
  }
}

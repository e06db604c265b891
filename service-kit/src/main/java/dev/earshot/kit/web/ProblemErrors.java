package dev.earshot.kit.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors answered outside a controller are RFC 9457 problems too, never Boot's {@code
 * {timestamp,status,error,path}}: {@code /error}, where the servlet container forwards a {@code
 * sendError} (Spring Security's firewall refusing {@code ..}, an encoded {@code /} or {@code ;}; a
 * filter's failure), answers a problem with the status, its reason as title and a detail ({@link
 * ErrorProblems}); called directly, it is a 404, not Boot's 500 with "status 999".
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemErrors {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrors.class);

  @Bean
  @ConditionalOnMissingBean(ErrorController.class)
  ErrorProblems earshotErrorProblems() {
    return new ErrorProblems();
  }

  /** The detail of an error answered outside a controller, by status; never an exception's text. */
  static String detail(int status) {
    return switch (status) {
      case 400 ->
          "The request cannot be read: its path, query or headers are malformed (a character or"
              + " %-escape that is not allowed, '..', an encoded '/' or ';'). Send the path and"
              + " query %-encoded (UTF-8).";
      case 401 -> "The request needs a valid bearer token.";
      case 403 -> "The request is not allowed.";
      case 404 -> "There is nothing at this path.";
      case 405 -> "This path does not take this method.";
      case 413 -> "The request is too large.";
      case 414 -> "The request's URL is too long.";
      case 431 -> "The request's headers are too large.";
      default ->
          status >= 500
              ? "The server failed to handle the request."
              : "The request was refused (" + reason(status) + ").";
    };
  }

  static String reason(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Error " + status : known.getReasonPhrase();
  }

  /** The problem body for {@code status}, with a reference id when it is a server error. */
  static ProblemDetail problem(int status, String reference) {
    ProblemDetail body = ProblemDetail.forStatus(status);
    body.setTitle(reason(status));
    body.setDetail(
        reference == null
            ? detail(status)
            : detail(status) + " Quote reference " + reference + ".");
    body.setType(
        URI.create(ApiProblem.TYPE_BASE + (status >= 500 ? "internal" : "request-refused")));
    if (reference != null) {
      body.setProperty("reference", reference);
    }
    return body;
  }

  /** {@code /error} as a problem. */
  @RestController
  @RequestMapping("${server.error.path:${error.path:/error}}")
  static class ErrorProblems implements ErrorController {

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
      Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
      // Called directly, not forwarded by the container: nothing is here.
      int status = code instanceof Integer value ? value : 404;
      String reference = null;
      if (status >= 500) {
        reference = UUID.randomUUID().toString();
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        log.atError()
            .addKeyValue("errorReference", reference)
            .setCause(failure instanceof Throwable t ? t : null)
            .log("unhandled error outside a controller");
      }
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem(status, reference));
    }
  }
}

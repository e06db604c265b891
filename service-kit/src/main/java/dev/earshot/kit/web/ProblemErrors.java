package dev.earshot.kit.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
 * {timestamp,status,error,path}} nor Tomcat's HTML page:
 *
 * <ul>
 *   <li>{@code /error}, where the servlet container forwards a {@code sendError} (Spring Security's
 *       firewall refusing {@code ..}, an encoded {@code /} or {@code ;}; a filter's failure): a
 *       problem with the status, its reason as title and a detail ({@link ErrorProblems});
 *   <li>a request Tomcat refuses before any application code runs (a character not allowed in the
 *       request target such as {@code [}, a broken %-escape in the path): the host's error report
 *       is {@link ProblemReportValve}, which writes the same problem.
 * </ul>
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

  @Bean
  @ConditionalOnClass(TomcatServletWebServerFactory.class)
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> earshotProblemReportValve() {
    return problemReportValve();
  }

  /** Sets the host's error report valve to {@link ProblemReportValve}. */
  static WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
              }
            });
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

  /**
   * For a 5xx, a new error reference, logged at ERROR with the failure the container recorded
   * ({@code jakarta.servlet.error.exception}) and {@code message}, so the answer can name it; for
   * anything else, null.
   */
  static String reference(HttpServletRequest request, int status, String message) {
    if (status < 500) {
      return null;
    }
    String reference = UUID.randomUUID().toString();
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    log.atError()
        .addKeyValue("errorReference", reference)
        .setCause(failure instanceof Throwable t ? t : null)
        .log(message);
    return reference;
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
      String reference = reference(request, status, "unhandled error outside a controller");
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem(status, reference));
    }
  }

  /**
   * Tomcat's error report for a request it refused itself, written as a problem instead of an HTML
   * page.
   */
  public static class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0) {
        return;
      }
      AtomicBoolean ioAllowed = new AtomicBoolean(true);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
      if (!ioAllowed.get()) {
        return;
      }
      ProblemDetail problem = problem(status, null);
      String json =
          "{\"type\":\""
              + problem.getType()
              + "\",\"title\":\""
              + problem.getTitle()
              + "\",\"status\":"
              + status
              + ",\"detail\":\""
              + problem.getDetail().replace("\\", "\\\\").replace("\"", "\\\"")
              + "\"}";
      try {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(json);
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // The connection is gone or the response committed: nothing more to report.
      }
    }
  }
}

package dev.earshot.kit.web;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Maps every error of a service's HTTP API to an RFC 9457 problem: a reason the client can act on,
 * never a stack trace. Unexpected failures answer 500 with a reference id that is also in the log,
 * so operators can find the cause without the client seeing it.
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
    return problem.response();
  }

  /**
   * The database rolled this request's transaction back because another change to the same rows ran
   * at the same time (a deadlock or a lock it could not get): nothing was changed, and the request
   * can be sent again. 409 {@code concurrent-change}, never a 500.
   */
  @ExceptionHandler(PessimisticLockingFailureException.class)
  ResponseEntity<ProblemDetail> concurrentChange(PessimisticLockingFailureException failure) {
    log.atWarn()
        .addKeyValue("cause", failure.getMostSpecificCause().getMessage())
        .log("a request lost a lock to a concurrent change; rolled back");
    return new ApiProblem(
            HttpStatus.CONFLICT,
            "concurrent-change",
            "Concurrent change",
            "Another change to the same records ran at the same time and this one was rolled"
                + " back; nothing changed. Send the request again.")
        .response();
  }

  /**
   * A query string the servlet container cannot read (a parameter without a name, {@code ?=x}; a
   * broken %-escape, {@code ?cursor=%ZZ}): 400 {@code invalid-query}, never a 500. Tomcat throws it
   * when the parameters are first read.
   */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> unreadableQuery(InvalidParameterException failure) {
    return new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-query",
            "Unreadable query string",
            "The query string cannot be read: send each parameter as name=value, its name and"
                + " value %-encoded (UTF-8).")
        .response();
  }

  /**
   * A value of the request reached the database unchecked and the database refused it as data
   * (SQLSTATE class 22, "data exception": a NUL character in a text, a number out of range, a
   * string too long, a malformed date): 400 {@code invalid-value}, never a 500. Any other database
   * failure is unexpected.
   */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> databaseRefusal(DataAccessException failure) {
    String state = sqlState(failure);
    if (state == null || !state.startsWith("22")) {
      return unexpected(failure);
    }
    log.atWarn()
        .addKeyValue("sqlState", state)
        .addKeyValue("exception", failure.getMostSpecificCause().getClass().getName())
        // not the database's message: it can quote the refused value (a customer's search text)
        .log("a request's value was refused by the database as data; answered 400");
    return new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-value",
            "Invalid value",
            "A value of the request cannot be used: it is out of range, too long, malformed or holds"
                + " a character that cannot be stored (such as NUL). Send each value in its"
                + " documented format.")
        .response();
  }

  /** The SQLSTATE of the first {@link SQLException} among the failure and its causes, or null. */
  static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception failure) {
    String reference = UUID.randomUUID().toString();
    log.atError()
        .addKeyValue("errorReference", reference)
        .setCause(failure)
        .log("unhandled error in request");
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "The server failed to handle the request; quote reference " + reference + ".");
    body.setTitle("Internal error");
    body.setType(java.net.URI.create(ApiProblem.TYPE_BASE + "internal"));
    body.setProperty("reference", reference);
    return ResponseEntity.internalServerError().body(body);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> fields =
        ex.getBindingResult().getFieldErrors().stream()
            .map(e -> new FieldProblem(e.getField(), e.getDefaultMessage()))
            .toList();
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "Invalid fields: "
                + String.join(
                    ", ", fields.stream().map(f -> f.field() + " " + f.message()).toList()));
    body.setTitle("Invalid request");
    body.setType(java.net.URI.create(ApiProblem.TYPE_BASE + "invalid-request"));
    body.setProperty("errors", fields);
    return ResponseEntity.badRequest().body(body);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String field = fieldOf(ex);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            field == null
                ? "The request body is missing or is not valid JSON."
                : "The field '" + field + "' has a value of the wrong type or format.");
    body.setTitle("Unreadable request");
    if (field != null) {
      body.setProperty("errors", List.of(new FieldProblem(field, "wrong type or format")));
    }
    body.setType(java.net.URI.create(ApiProblem.TYPE_BASE + "unreadable-request"));
    return ResponseEntity.badRequest().body(body);
  }

  /** The JSON path of the value Jackson could not bind (e.g. {@code days}), or null. */
  static String fieldOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : jackson.getPath()) {
          if (ref.getPropertyName() != null) {
            path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
          } else if (ref.getIndex() >= 0) {
            path.append('[').append(ref.getIndex()).append(']');
          }
        }
        return path.isEmpty() ? null : path.toString();
      }
    }
    return null;
  }

  /** One invalid field of a request. */
  public record FieldProblem(String field, String message) {}
}

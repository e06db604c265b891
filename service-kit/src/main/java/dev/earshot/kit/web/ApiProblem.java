package dev.earshot.kit.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * An error a client can act on. Services throw it (or a subclass) from use cases and adapters;
 * {@link ProblemDetailsAdvice} turns it into an RFC 9457 response once, in one place.
 *
 * @param status HTTP status to answer with
 * @param slug short machine-readable error name, e.g. {@code insufficient-scope}
 * @param title human summary of the error kind
 * @param detail what happened and how to fix it; never a secret or a stack trace
 */
public class ApiProblem extends RuntimeException {

  public static final String TYPE_BASE = "https://earshot.dev/problems/";

  private final HttpStatus status;
  private final String slug;
  private final String title;
  private final Map<String, Object> properties;

  public ApiProblem(HttpStatus status, String slug, String title, String detail) {
    this(status, slug, title, detail, Map.of());
  }

  public ApiProblem(
      HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.properties = Map.copyOf(properties);
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return URI.create(TYPE_BASE + slug);
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  /**
   * The RFC 9457 answer to this problem: its status, type, title, detail and properties. {@link
   * ProblemDetailsAdvice} answers every thrown one this way; a service's own advice uses it for a
   * domain exception it maps to a problem.
   */
  public ResponseEntity<ProblemDetail> response() {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, getMessage());
    body.setType(type());
    body.setTitle(title);
    properties.forEach(body::setProperty);
    return ResponseEntity.status(status).body(body);
  }
}

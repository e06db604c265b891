package dev.earshot.dedup.vector;

/** The vector index could not be reached or refused a request; transient, so retried. */
public final class VectorIndexUnavailable extends RuntimeException {

  public VectorIndexUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.earshot.gong.api;

import java.util.List;

/** Gong's error body: a request id and a list of messages. */
public record GongErrorBody(String requestId, List<String> errors) {

  public GongErrorBody {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public String message() {
    return errors.isEmpty() ? "" : String.join("; ", errors);
  }
}

package dev.earshot.gong.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Gong's error body: a request id and a list of messages; the OAuth token endpoint answers in RFC
 * 6749's form instead ({@code error}, {@code error_description}). Both are read.
 */
public record GongErrorBody(
    String requestId,
    List<String> errors,
    @JsonProperty("error") String oauthError,
    @JsonProperty("error_description") String oauthErrorDescription) {

  public GongErrorBody {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static GongErrorBody of(String message) {
    return new GongErrorBody(null, List.of(message), null, null);
  }

  public String message() {
    List<String> parts = new ArrayList<>(errors);
    if (oauthError != null) {
      parts.add(
          oauthErrorDescription == null ? oauthError : oauthError + ": " + oauthErrorDescription);
    }
    return String.join("; ", parts);
  }
}

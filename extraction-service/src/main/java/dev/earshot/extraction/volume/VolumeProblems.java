package dev.earshot.extraction.volume;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** Errors of the call-volume API. */
final class VolumeProblems {

  private VolumeProblems() {}

  static ApiProblem invalid(String parameter, String reason) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST, "invalid-" + parameter, "Invalid " + parameter, reason);
  }
}

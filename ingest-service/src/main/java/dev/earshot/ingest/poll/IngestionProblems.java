package dev.earshot.ingest.poll;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The errors an admin can meet starting a backfill, each with what to do about it. */
final class IngestionProblems {

  private IngestionProblems() {}

  static ApiProblem noUsableConnection() {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "no-connection",
        "No Gong connection",
        "This org has no usable Gong connection. Connect one first.");
  }

  static ApiProblem backfillRunning() {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "backfill-running",
        "A backfill is running",
        "This connection already has a backfill running; follow its progress on GET"
            + " /api/v1/connections/current/backfill.");
  }
}

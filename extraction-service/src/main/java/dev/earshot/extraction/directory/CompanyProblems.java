package dev.earshot.extraction.directory;

import dev.earshot.kit.web.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Every error of the directory API, each saying what happened and what to do. */
final class CompanyProblems {

  private CompanyProblems() {}

  static ApiProblem invalid(InvalidCompanies invalid) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-companies",
        "Invalid company directory",
        "Nothing was loaded: " + invalid.getMessage(),
        Map.of("errors", invalid.problems()));
  }

  static ApiProblem unsupportedType(String contentType) {
    return new ApiProblem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-directory-format",
        "Unsupported upload format",
        "Send the directory as text/csv or application/json (got "
            + (contentType == null ? "no Content-Type" : contentType)
            + ").");
  }

  static ApiProblem noSuchCompany(String id) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "no-such-company",
        "No such company",
        "This org's directory has no company " + id + ".");
  }
}

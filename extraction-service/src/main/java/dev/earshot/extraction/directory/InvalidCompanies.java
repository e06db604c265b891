package dev.earshot.extraction.directory;

import java.util.List;

/** An upload of the directory that cannot be loaded, with every problem found (first 20). */
final class InvalidCompanies extends RuntimeException {

  private final List<String> problems;

  InvalidCompanies(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  InvalidCompanies(String problem) {
    this(List.of(problem));
  }

  List<String> problems() {
    return problems;
  }
}

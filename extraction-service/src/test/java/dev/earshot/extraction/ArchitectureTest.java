package dev.earshot.extraction;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Extraction's domain is plain Java: Spring and Kafka stay in the pipeline's edge. */
class ArchitectureTest {

  private final JavaClasses extraction =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.earshot.extraction");

  @Test
  void theDomainDoesNotDependOnSpringOrKafka() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..extraction.call..",
            "..extraction.detect..",
            "..extraction.extract..",
            "..extraction.organise..",
            "..extraction.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..")
        .check(extraction);
  }

  @Test
  void detectionAndExtractionDoNotKnowAboutLanguageModels() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..extraction.detect..", "..extraction.extract..", "..extraction.organise..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..model.llm..")
        .check(extraction);
  }
}

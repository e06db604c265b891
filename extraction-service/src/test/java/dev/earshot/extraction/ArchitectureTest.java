package dev.earshot.extraction;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.earshot.testing.ServiceArchitecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * extraction-service keeps the rules every service keeps ({@link ServiceArchitecture}), with the
 * call, detection, extraction, organising, model, company and follow-up packages as domain packages
 * (plain Java: no Spring, Kafka, JDBC or HTTP; Spring and Kafka stay in the pipeline's edge), and
 * one of its own: detection, extraction and organising do not know about language models.
 */
class ArchitectureTest {

  /** Extraction's domain: the call, detection, extraction, organising and the models. */
  private static final String[] DOMAIN = {
    "..extraction.call..",
    "..extraction.detect..",
    "..extraction.extract..",
    "..extraction.organise..",
    "..extraction.model..",
    "..extraction.company..",
    "..extraction.followup",
    "..extraction.followup.llm.."
  };

  /** Imported once for the class (a classpath scan takes seconds), not once per test. */
  private static final JavaClasses extraction =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.earshot.extraction");

  @TestFactory
  Stream<DynamicTest> followsTheServiceRules() {
    return ServiceArchitecture.of("dev.earshot.extraction").domainPackages(DOMAIN).tests();
  }

  @Test
  void theDomainDoesNotDependOnSpringOrKafka() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
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

package dev.earshot.gong.calls;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The translation is plain Java: no Spring, no Kafka client, no network, no files. */
class ArchitectureTest {

  /** Imported once for the class (a classpath scan takes seconds), not once per test. */
  private static final JavaClasses calls =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.earshot.gong.calls");

  @Test
  void theTranslationDependsOnNoFrameworkAndDoesNoIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "java.net..", "java.nio.file..")
        .check(calls);
  }
}

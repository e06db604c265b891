package dev.earshot.dedup;

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
 * dedup-service keeps the rules every service keeps ({@link ServiceArchitecture}), with the board
 * and the similarity rules as domain packages, and two of its own: the index adapters stay free of
 * Spring, Kafka and JDBC, and neither the board nor the use cases know which index technology is in
 * use.
 */
class ArchitectureTest {

  /** Imported once for the class (a classpath scan takes seconds), not once per test. */
  private static final JavaClasses dedup =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.earshot.dedup");

  @TestFactory
  Stream<DynamicTest> followsTheServiceRules() {
    return ServiceArchitecture.of("dev.earshot.dedup")
        .domainPackages("..dedup.board..", "..dedup.similarity..")
        .tests();
  }

  @Test
  void theDomainAndTheIndexDoNotDependOnSpringKafkaOrJdbc() {
    noClasses()
        .that()
        .resideInAnyPackage("..dedup.board..", "..dedup.similarity..", "..dedup.vector..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..")
        .check(dedup);
  }

  @Test
  void theDomainKnowsNoIndexTechnology() {
    noClasses()
        .that()
        .resideInAnyPackage("..dedup.board..", "..dedup.post..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.lucene..", "io.qdrant..")
        .check(dedup);
  }
}

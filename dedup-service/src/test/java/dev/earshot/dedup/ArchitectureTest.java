package dev.earshot.dedup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The board's domain, the similarity rules and the index adapters stay free of Spring and Kafka.
 */
class ArchitectureTest {

  private final JavaClasses dedup =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.earshot.dedup");

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

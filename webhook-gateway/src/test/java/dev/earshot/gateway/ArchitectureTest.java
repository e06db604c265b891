package dev.earshot.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateway's decisions stay plain Java; Spring and Kafka live at the edges. */
class ArchitectureTest {

  private final JavaClasses gateway =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.earshot.gateway");

  @Test
  void authenticationOutcomesConnectionStateAndFeedPoliciesDoNotDependOnSpringOrKafka() {
    noClasses()
        .that()
        .haveSimpleNameStartingWith("WebhookOutcome")
        .or()
        .haveSimpleName("IncomingWebhook")
        .or()
        .haveSimpleName("AuthenticatingWebhooks")
        .or()
        .haveSimpleName("WebhookConnection")
        .or()
        .haveSimpleNameStartingWith("PublishedCallData")
        .or()
        .haveSimpleNameStartingWith("FeedCondition")
        .or()
        .haveSimpleNameStartingWith("FeedRecord")
        .or()
        .haveSimpleName("Backoff")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..")
        .check(gateway);
  }

  @Test
  void onlyTheControllerSpeaksHttp() {
    noClasses()
        .that()
        .resideInAPackage("..webhook..")
        .and()
        .doNotHaveSimpleName("WebhookController")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.servlet..")
        .check(gateway);
  }
}

package dev.earshot.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The architecture rules every Earshot service keeps, written once by role and naming convention. A
 * service's {@code ArchitectureTest} applies them in a few lines, naming its root package and,
 * where it has them, its domain packages:
 *
 * <pre>{@code
 * class ArchitectureTest {
 *   @TestFactory
 *   Stream<DynamicTest> followsTheServiceRules() {
 *     return ServiceArchitecture.of("dev.earshot.dedup")
 *         .domainPackages("..dedup.board..", "..dedup.similarity..")
 *         .tests();
 *   }
 * }
 * }</pre>
 *
 * <h2>The rule list a newcomer reads</h2>
 *
 * <p>Packages are capabilities ({@code connection}, {@code fetch}, {@code poll}); inside one, a
 * class's role shows in its name or its stereotype, and the role says what it may touch. A nested
 * class has the role of the top-level class it sits in.
 *
 * <ol>
 *   <li><b>The domain is plain Java.</b> Records, enums and sealed types (except {@code
 *       *Properties} and {@code *Configuration}), and every class in a domain package the service
 *       names, use no Spring ({@code org.springframework}), Kafka ({@code org.apache.kafka},
 *       service-kit's {@code kit.kafka}), JDBC ({@code java.sql}, {@code javax.sql}) or HTTP
 *       ({@code jakarta.servlet}, service-kit's {@code kit.web}) type. A domain rule that refuses
 *       something throws its own exception; the web edge maps it to a status. A domain failure that
 *       retrying cannot fix implements service-kit's plain-Java {@code
 *       kit.failure.PermanentFailure}, which the kit dead-letters at once, instead of extending
 *       {@code kit.kafka.PoisonRecord}.
 *   <li><b>Only the web edge speaks HTTP.</b> Spring web and HTTP types ({@code
 *       org.springframework.web}, {@code org.springframework.http}, {@code jakarta.servlet}) are
 *       used only by {@code *Controller}, {@code *Problems} (the one place a capability's errors
 *       get their status), {@code @ControllerAdvice}/{@code @RestControllerAdvice} classes and
 *       {@code *Configuration}. A use case throws what a {@code *Problems} factory builds; it never
 *       names an {@code HttpStatus}.
 *   <li><b>Only listeners and publishers speak Kafka.</b> Kafka's clients, spring-kafka ({@code
 *       KafkaTemplate}, {@code @KafkaListener}, containers, consumer and producer factories) and
 *       service-kit's {@code kit.kafka} are used only by {@code <Record>Listener} (records in),
 *       {@code *Publisher} (records out) and {@code *Configuration} classes, and by package-private
 *       helpers that only such classes use (a listener's progress tracker, for instance). Kafka's
 *       common types (its exceptions and serializers) are not counted: a use case may check a
 *       record's size before its publisher sends it.
 *   <li><b>Only repositories speak SQL.</b> JDBC ({@code org.springframework.jdbc}, {@code
 *       java.sql}, {@code javax.sql}) is used only by {@code @Repository} classes (named {@code
 *       *Repository}, {@code *Ledger} or a plural noun: {@code Backfills}, {@code Watermarks}) and
 *       {@code *Configuration}.
 *   <li><b>Controllers reach repositories only through use cases.</b> No {@code *Controller}
 *       depends on a {@code @Repository}.
 *   <li><b>{@code @Service} marks a use case, and a use case is named as an activity.</b> Its
 *       simple name holds a word ending in "ing" followed by what it acts on ({@code
 *       FetchingCalls}, {@code ReEncryptingCredentials}, {@code Disconnecting}). Conversely a plain
 *       {@code @Component} is never named that way: a bean that performs an activity is a
 *       {@code @Service}. Beans that are not use cases (tables, codecs, registrars, health
 *       indicators) are {@code @Component}.
 *   <li><b>Packages do not depend on each other in a circle.</b> Each package (a capability, or a
 *       part of one such as {@code connection.oauth}) may use another only if that one does not use
 *       it back, directly or through others.
 * </ol>
 *
 * <p>Each rule is one {@link DynamicTest} named after it, so a failure names the rule and the
 * offending classes.
 */
public final class ServiceArchitecture {

  private static final String SPRING = "org.springframework..";
  private static final String[] KAFKA_ANY = {"org.apache.kafka..", "dev.earshot.kit.kafka.."};
  private static final String[] KAFKA_API = {
    "org.springframework.kafka..", "org.apache.kafka.clients..", "dev.earshot.kit.kafka.."
  };
  private static final String[] JDBC = {"org.springframework.jdbc..", "java.sql..", "javax.sql.."};
  private static final String[] WEB = {
    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet.."
  };
  private static final String KIT_WEB = "dev.earshot.kit.web..";

  private static final String SERVICE = "org.springframework.stereotype.Service";
  private static final String COMPONENT = "org.springframework.stereotype.Component";
  private static final String REPOSITORY = "org.springframework.stereotype.Repository";
  private static final String CONTROLLER_ADVICE =
      "org.springframework.web.bind.annotation.ControllerAdvice";
  private static final String REST_CONTROLLER_ADVICE =
      "org.springframework.web.bind.annotation.RestControllerAdvice";

  /** A word ending in "ing", optionally followed by more capitalised words. */
  private static final Pattern ACTIVITY =
      Pattern.compile("[A-Z][A-Za-z0-9]*?[a-z]ing([A-Z][A-Za-z0-9]*)?");

  private final String rootPackage;
  private final List<String> domainPackages;

  private ServiceArchitecture(String rootPackage, List<String> domainPackages) {
    this.rootPackage = rootPackage;
    this.domainPackages = domainPackages;
  }

  /**
   * The rules for the service whose main classes live under {@code rootPackage} (test classes are
   * not imported).
   */
  public static ServiceArchitecture of(String rootPackage) {
    return new ServiceArchitecture(rootPackage, List.of());
  }

  /**
   * Packages that are domain as a whole, as ArchUnit package patterns ({@code "..dedup.board.."}),
   * in addition to the records, enums and sealed types every package may hold.
   */
  public ServiceArchitecture domainPackages(String... patterns) {
    return new ServiceArchitecture(rootPackage, List.of(patterns));
  }

  /** The rules, in the order of the list above. */
  public List<ArchRule> rules() {
    return List.of(
        domainIsPlainJava(),
        onlyTheWebEdgeSpeaksHttp(),
        onlyListenersAndPublishersSpeakKafka(),
        onlyRepositoriesSpeakSql(),
        controllersReachRepositoriesOnlyThroughUseCases(),
        useCasesAreServicesNamedAsActivities(),
        activityNamedBeansAreServices(),
        packagesAreFreeOfCycles());
  }

  /** One test per rule, checked against the service's main classes. */
  public Stream<DynamicTest> tests() {
    JavaClasses service =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(rootPackage);
    return rules().stream()
        .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(service)));
  }

  ArchRule domainIsPlainJava() {
    return noClasses()
        .that(domain())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(new String[] {SPRING, KIT_WEB}, KAFKA_ANY, JDBC, WEB))
        .allowEmptyShould(true)
        .because("the domain (records, enums, sealed types, domain packages) is plain Java");
  }

  ArchRule onlyTheWebEdgeSpeaksHttp() {
    return noClasses()
        .that(not(webEdge()))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(WEB)
        .allowEmptyShould(true)
        .because("only *Controller, *Problems and @ControllerAdvice classes speak HTTP");
  }

  ArchRule onlyListenersAndPublishersSpeakKafka() {
    return classes()
        .that(dependOnAny(KAFKA_API))
        .should(beKafkaEdgesOrTheirHelpers())
        .allowEmptyShould(true)
        .because("only *Listener and *Publisher classes (and their private helpers) speak Kafka");
  }

  ArchRule onlyRepositoriesSpeakSql() {
    return noClasses()
        .that(not(repository().or(named("Configuration"))))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JDBC)
        .allowEmptyShould(true)
        .because("only @Repository classes speak SQL");
  }

  ArchRule controllersReachRepositoriesOnlyThroughUseCases() {
    return noClasses()
        .that(named("Controller"))
        .should()
        .dependOnClassesThat(repository())
        .allowEmptyShould(true)
        .because("a controller calls use cases, and use cases call repositories");
  }

  ArchRule useCasesAreServicesNamedAsActivities() {
    return classes()
        .that()
        .areAnnotatedWith(SERVICE)
        .should()
        .haveNameMatching(".*\\." + ACTIVITY.pattern())
        .allowEmptyShould(true)
        .because("a @Service is a use case, named as the activity it performs (FetchingCalls)");
  }

  ArchRule activityNamedBeansAreServices() {
    return noClasses()
        .that()
        .areAnnotatedWith(COMPONENT)
        .should()
        .haveNameMatching(".*\\." + ACTIVITY.pattern())
        .allowEmptyShould(true)
        .because("a bean that performs an activity is a use case, so it is a @Service");
  }

  ArchRule packagesAreFreeOfCycles() {
    return slices()
        .matching(rootPackage + ".(**)")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .because("a capability builds on others without them building on it");
  }

  // --- roles ---------------------------------------------------------------------------------

  private DescribedPredicate<JavaClass> domain() {
    return describe(
        "are domain (records, enums, sealed types, or in " + domainPackages + ")",
        c -> {
          if (!domainPackages.isEmpty()
              && resideInAnyPackage(domainPackages.toArray(String[]::new)).test(c)) {
            return true;
          }
          JavaClass top = top(c);
          String name = top.getSimpleName();
          if (name.endsWith("Properties") || name.endsWith("Configuration")) {
            return false;
          }
          return top.isEnum() || isRecord(top) || isSealed(top);
        });
  }

  private static DescribedPredicate<JavaClass> webEdge() {
    return named("Controller")
        .or(named("Problems"))
        .or(named("Configuration"))
        .or(
            describe(
                "are @ControllerAdvice",
                c ->
                    top(c).isAnnotatedWith(CONTROLLER_ADVICE)
                        || top(c).isAnnotatedWith(REST_CONTROLLER_ADVICE)))
        .as("are *Controller, *Problems, @ControllerAdvice or *Configuration");
  }

  private static DescribedPredicate<JavaClass> kafkaEdge() {
    return named("Listener")
        .or(named("Publisher"))
        .or(named("Configuration"))
        .as("are *Listener, *Publisher or *Configuration");
  }

  private static DescribedPredicate<JavaClass> repository() {
    return describe("are @Repository", c -> top(c).isAnnotatedWith(REPOSITORY));
  }

  /** Classes whose top-level class's simple name ends with {@code suffix}. */
  private static DescribedPredicate<JavaClass> named(String suffix) {
    return describe("are *" + suffix, c -> top(c).getSimpleName().endsWith(suffix));
  }

  private static DescribedPredicate<JavaClass> dependOnAny(String... packages) {
    DescribedPredicate<JavaClass> in = resideInAnyPackage(packages);
    return describe(
        "depend on " + String.join(", ", packages),
        c -> c.getDirectDependenciesFromSelf().stream().anyMatch(d -> in.test(d.getTargetClass())));
  }

  private static ArchCondition<JavaClass> beKafkaEdgesOrTheirHelpers() {
    DescribedPredicate<JavaClass> edge = kafkaEdge();
    return new ArchCondition<>(
        "be *Listener, *Publisher, *Configuration or their private helpers") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        boolean ok = edge.test(c) || helperOfEdges(c, edge, new HashSet<>());
        events.add(
            new SimpleConditionEvent(
                c,
                ok,
                c.getName()
                    + (ok ? " is" : " is not")
                    + " a Kafka edge (*Listener, *Publisher, *Configuration) or a package-private"
                    + " helper only such edges use"));
      }
    };
  }

  /**
   * A package-private class every user of which (outside itself) is a Kafka edge or, in turn, such
   * a helper.
   */
  private static boolean helperOfEdges(
      JavaClass c, DescribedPredicate<JavaClass> edge, Set<String> seen) {
    JavaClass top = top(c);
    if (!seen.add(top.getName())) {
      return true;
    }
    if (top.getModifiers().contains(JavaModifier.PUBLIC)) {
      return false;
    }
    for (Dependency use : c.getDirectDependenciesToSelf()) {
      JavaClass user = use.getOriginClass();
      if (top(user).equals(top)) {
        continue;
      }
      if (!edge.test(user) && !helperOfEdges(user, edge, seen)) {
        return false;
      }
    }
    return true;
  }

  private static JavaClass top(JavaClass c) {
    JavaClass current = c;
    while (current.getEnclosingClass().isPresent()) {
      current = current.getEnclosingClass().get();
    }
    return current;
  }

  private static boolean isRecord(JavaClass c) {
    return c.getRawSuperclass().map(s -> s.getName().equals("java.lang.Record")).orElse(false);
  }

  private static boolean isSealed(JavaClass c) {
    try {
      return c.reflect().isSealed();
    } catch (RuntimeException | LinkageError notLoadable) {
      return false;
    }
  }

  private static String[] concat(String[]... parts) {
    return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
  }
}

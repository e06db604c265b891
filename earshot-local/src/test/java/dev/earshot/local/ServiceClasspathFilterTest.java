package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.mock.env.MockEnvironment;

/**
 * The single JVM's filter against this module's real test classpath, which holds every service's
 * libraries as the launcher's does: each service keeps the auto-configurations of its own
 * dependency list and loses the others', with no list written by hand.
 */
class ServiceClasspathFilterTest {

  private static final String DATA_SOURCE =
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
  private static final String FLYWAY =
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";
  private static final String RESOURCE_SERVER =
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet"
          + ".OAuth2ResourceServerAutoConfiguration";
  private static final String EARSHOT_SECURITY = "dev.earshot.kit.security.EarshotSecurity";
  private static final String MCP_SERVER =
      "org.springframework.ai.mcp.server.common.autoconfigure.McpServerAutoConfiguration";
  private static final String MODULITH_EVENTS =
      "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration";
  private static final String KAFKA =
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration";
  private static final String KIT_DEAD_LETTERS = "dev.earshot.kit.kafka.KafkaDeadLetters";

  private static final String[] CANDIDATES = {
    DATA_SOURCE,
    FLYWAY,
    RESOURCE_SERVER,
    EARSHOT_SECURITY,
    MCP_SERVER,
    MODULITH_EVENTS,
    KAFKA,
    KIT_DEAD_LETTERS,
    null
  };

  /** Metadata that knows nothing, so the filter reads the annotations from the class files. */
  private static final AutoConfigurationMetadata UNPROCESSED =
      new AutoConfigurationMetadata() {
        @Override
        public boolean wasProcessed(String className) {
          return false;
        }

        @Override
        public Integer getInteger(String className, String key) {
          return null;
        }

        @Override
        public Integer getInteger(String className, String key, Integer defaultValue) {
          return defaultValue;
        }

        @Override
        public Set<String> getSet(String className, String key) {
          return null;
        }

        @Override
        public Set<String> getSet(String className, String key, Set<String> defaultValue) {
          return defaultValue;
        }

        @Override
        public String get(String className, String key) {
          return null;
        }

        @Override
        public String get(String className, String key, String defaultValue) {
          return defaultValue;
        }
      };

  private static Set<String> kept(String module) {
    ServiceClasspathFilter filter = new ServiceClasspathFilter();
    MockEnvironment environment = new MockEnvironment();
    if (module != null) {
      environment.setProperty(ServiceClasspathFilter.MODULE, module);
    }
    filter.setEnvironment(environment);
    filter.setBeanClassLoader(ServiceClasspathFilterTest.class.getClassLoader());
    boolean[] keep = filter.match(CANDIDATES, UNPROCESSED);
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < CANDIDATES.length; i++) {
      if (keep[i] && CANDIDATES[i] != null) {
        out.add(CANDIDATES[i]);
      }
    }
    return out;
  }

  @Test
  void theGatewayHasNoDatabaseNoSecurityChainNoMcpServerAndNoModulith() {
    assertThat(kept("webhook-gateway")).containsExactlyInAnyOrder(KAFKA, KIT_DEAD_LETTERS);
  }

  @Test
  void ingestKeepsItsDatabaseSecurityAndModulithButNotTheMcpServer() {
    assertThat(kept("ingest-service"))
        .containsExactlyInAnyOrder(
            DATA_SOURCE,
            FLYWAY,
            RESOURCE_SERVER,
            EARSHOT_SECURITY,
            MODULITH_EVENTS,
            KAFKA,
            KIT_DEAD_LETTERS);
  }

  @Test
  void onlyTheAssistantServesMcp() {
    assertThat(kept("assistant-service")).contains(MCP_SERVER, DATA_SOURCE, EARSHOT_SECURITY);
    assertThat(kept("dedup-service")).doesNotContain(MCP_SERVER).contains(DATA_SOURCE);
    assertThat(kept("extraction-service")).doesNotContain(MCP_SERVER).contains(DATA_SOURCE);
  }

  @Test
  void withoutAModuleEverythingIsKept() {
    assertThat(kept(null)).hasSize(CANDIDATES.length - 1);
  }

  @Test
  void aModuleWithoutADependencyListFailsLoudly() {
    assertThatThrownBy(() -> kept("no-such-service"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("META-INF/earshot/dependencies/no-such-service.txt");
  }

  @Test
  void librariesAreReadFromJarsNestedJarsAndModuleDirectories() {
    assertThat(
            ServiceClasspath.library(
                "jar:file:/home/u/.m2/repository/org/springframework/spring-jdbc/7.0.1/"
                    + "spring-jdbc-7.0.1.jar!/org/springframework/jdbc/core/JdbcTemplate.class"))
        .isEqualTo("spring-jdbc-7.0.1.jar");
    assertThat(
            ServiceClasspath.library(
                "jar:nested:/w/earshot-local/target/earshot-local-0.1.0-SNAPSHOT-exec.jar/!BOOT-INF/"
                    + "lib/spring-jdbc-7.0.1.jar!/org/springframework/jdbc/core/JdbcTemplate.class"))
        .isEqualTo("spring-jdbc-7.0.1.jar");
    assertThat(
            ServiceClasspath.library(
                "file:/w/service-kit/target/classes/dev/earshot/kit/security/EarshotSecurity.class"))
        .isEqualTo("service-kit");
    assertThat(ServiceClasspath.library("jrt:/java.base/java/lang/String.class")).isNull();
  }

  @Test
  void aListedArtifactIsAdmittedAtAnotherVersionButANamesakePrefixIsNot() {
    ServiceClasspath own =
        ServiceClasspath.parse(
            "svc",
            """
            The following files have been resolved:
               org.springframework.boot:spring-boot:jar:4.0.1 -- module spring.boot
               io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.2.7.Final
            """,
            getClass().getClassLoader());
    assertThat(own.admitsLibrary("spring-boot-4.0.1.jar")).isTrue();
    assertThat(own.admitsLibrary("spring-boot-4.0.2.jar")).isTrue();
    assertThat(own.admitsLibrary("netty-transport-native-epoll-4.2.7.Final-linux-x86_64.jar"))
        .isTrue();
    assertThat(own.admitsLibrary("spring-boot-jdbc-4.0.1.jar")).isFalse();
    assertThat(own.admitsLibrary("svc")).isTrue();
  }
}

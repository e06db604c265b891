package dev.earshot.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

class ServiceConfigNameTest {

  @EarshotService("kit-named")
  static class NamedService {}

  static class UnnamedService {}

  private static String marker(Class<?> source, String... args) {
    SpringApplication app = new SpringApplication(source);
    app.setWebApplicationType(WebApplicationType.NONE);
    try (var context = app.run(args)) {
      return context.getEnvironment().getProperty("kit.named.marker");
    }
  }

  @Test
  void aNamedServiceReadsItsOwnConfigFile() {
    assertThat(marker(NamedService.class)).isEqualTo("from-kit-named-yaml");
  }

  @Test
  void anUnnamedServiceDoesNot() {
    assertThat(marker(UnnamedService.class)).isNull();
  }

  @Test
  void anExplicitConfigNameWins() {
    assertThat(marker(NamedService.class, "--spring.config.name=other")).isNull();
  }
}

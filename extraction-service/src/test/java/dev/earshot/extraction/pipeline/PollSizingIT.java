package dev.earshot.extraction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.extraction.ExtractionApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The service sizes its polls from the configured model's longest call: an LLM takes one call per
 * poll, and a poll size that cannot fit the poll interval refuses to start with the settings that
 * would.
 */
class PollSizingIT {

  private static ConfigurableApplicationContext start(String... settings) {
    List<String> args = new ArrayList<>(List.of(settings));
    args.add("--spring.kafka.listener.auto-startup=false");
    args.add("--server.port=0");
    args.add("--management.server.port=-1"); // no actuator over HTTP: ConversationsIT tests it
    return new SpringApplicationBuilder(ExtractionApplication.class)
        .run(args.toArray(String[]::new));
  }

  private static Object maxPollRecords(ConfigurableApplicationContext app) {
    return app.getBean(ConsumerFactory.class).getConfigurationProperties().get("max.poll.records");
  }

  @Test
  void anLlmTakesOneCallPerPollAndTheOfflineModelTwenty() {
    try (var llm =
        start(
            "--earshot.extraction.model=openai",
            "--earshot.extraction.openai.base-url=http://127.0.0.1:9")) {
      assertThat(maxPollRecords(llm)).isEqualTo(1);
    }
    try (var offline = start()) {
      assertThat(maxPollRecords(offline)).isEqualTo(20);
    }
  }

  @Test
  void aPollSizeThatCannotFitRefusesToStartNamingTheSettingsThatWould() {
    assertThatThrownBy(
            () ->
                start(
                    "--earshot.extraction.model=openai",
                    "--earshot.extraction.openai.base-url=http://127.0.0.1:9",
                    "--spring.kafka.consumer.max-poll-records=20"))
        .rootCause()
        .hasMessageContaining("extraction-service cannot start")
        .hasMessageContaining("max-poll-records 20")
        .hasMessageContaining("at most 1");
  }
}

package dev.earshot.assistant;

import dev.earshot.kit.EarshotService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** assistant-service: read-only answers about an org's calls, scoped by the caller's token. */
@SpringBootApplication
@EarshotService(
    value = "assistant-service",
    title = "Earshot assistant API",
    description =
        "Read-only answers about an org's calls: search calls by date and words, and read a"
            + " call's Gong summary (brief, outline, highlights, key points, points of interest,"
            + " speakers, participants).")
@ConfigurationPropertiesScan
public class AssistantApplication {

  public static void main(String[] args) {
    SpringApplication.run(AssistantApplication.class, args);
  }
}

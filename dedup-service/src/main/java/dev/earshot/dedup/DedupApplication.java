package dev.earshot.dedup;

import dev.earshot.kit.EarshotService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EarshotService(
    value = "dedup-service",
    title = "Earshot feedback board API",
    description =
        "The deduplicated feedback board: posts with their mentions (the customers' verbatim"
            + " quotes with call links), filters and sorts, edits, merges and splits with history,"
            + " and merge suggestions to accept or dismiss.")
@ConfigurationPropertiesScan
@EnableScheduling
public class DedupApplication {

  public static void main(String[] args) {
    SpringApplication.run(DedupApplication.class, args);
  }
}

package dev.earshot.ingest;

import dev.earshot.kit.EarshotService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EarshotService(
    value = "ingest-service",
    title = "Earshot ingest API",
    description =
        "Connects an organisation to its Gong workspace (OAuth or an access key, credentials"
            + " encrypted and never shown back), subscribes Gong's webhooks, runs backfills of 1-60"
            + " days and reports ingestion: the call ledger, polling, pauses and failed calls.")
@ConfigurationPropertiesScan
@EnableScheduling
@org.springframework.scheduling.annotation.EnableAsync
public class IngestApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestApplication.class, args);
  }
}

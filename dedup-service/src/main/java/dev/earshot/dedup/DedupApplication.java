package dev.earshot.dedup;

import dev.earshot.kit.EarshotService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EarshotService("dedup-service")
@ConfigurationPropertiesScan
@EnableScheduling
public class DedupApplication {

  public static void main(String[] args) {
    SpringApplication.run(DedupApplication.class, args);
  }
}

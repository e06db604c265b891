package dev.earshot.extraction;

import dev.earshot.kit.EarshotService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@EarshotService("extraction-service")
@ConfigurationPropertiesScan
public class ExtractionApplication {

  public static void main(String[] args) {
    SpringApplication.run(ExtractionApplication.class, args);
  }
}

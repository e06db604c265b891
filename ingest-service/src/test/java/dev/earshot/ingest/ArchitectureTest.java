package dev.earshot.ingest;

import dev.earshot.testing.ServiceArchitecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** ingest-service keeps the rules every service keeps ({@link ServiceArchitecture}). */
class ArchitectureTest {

  @TestFactory
  Stream<DynamicTest> followsTheServiceRules() {
    return ServiceArchitecture.of("dev.earshot.ingest").tests();
  }
}

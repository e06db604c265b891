package dev.earshot.assistant;

import dev.earshot.testing.ServiceArchitecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** assistant-service keeps the rules every service keeps ({@link ServiceArchitecture}). */
class ArchitectureTest {

  @TestFactory
  Stream<DynamicTest> followsTheServiceRules() {
    return ServiceArchitecture.of("dev.earshot.assistant").tests();
  }
}

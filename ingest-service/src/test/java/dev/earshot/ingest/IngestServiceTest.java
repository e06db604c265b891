package dev.earshot.ingest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * ingest-service started whole for an integration test: on a random port, against the class's
 * {@code @EmbeddedKafka} broker and the embedded PostgreSQL, tokens from the local issuer, and
 * every background loop (fetch, poll, backfill, token refresh, re-encryption) ticking once an hour
 * so that the test drives them itself, and no actuator over HTTP ({@code
 * management.server.port=-1}: a management server is a child context and a Tomcat more; {@code
 * GongProxyIT} gives it its port and checks it). A class adds its own settings with
 * {@code @TestPropertySource(properties = …)}, which win over these; the context is closed after
 * the class (each class has its own broker).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.ingest.oauth.state-key=test-only-state-key-0123456789abcdef",
      "earshot.ingest.fetch.interval=1h",
      "earshot.ingest.poll.tick=1h",
      "earshot.ingest.backfill.tick=1h",
      "earshot.ingest.refresh-interval=1h",
      "earshot.ingest.reencrypt-interval=1h",
      "management.server.port=-1"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface IngestServiceTest {}

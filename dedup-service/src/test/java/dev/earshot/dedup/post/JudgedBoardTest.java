package dev.earshot.dedup.post;

import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.events.Topics;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * dedup-service with an OpenAI-compatible judge of uncertain items, its own embedded Kafka and
 * PostgreSQL, one listener thread. The class adds its bands with {@code @TestPropertySource} and
 * registers the database, index and its {@code ProviderStub}'s URL ({@code
 * earshot.dedup.judge.openai.base-url}) in a {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.dedup.concurrency=1",
      "earshot.dedup.judge.provider=openai",
      "earshot.dedup.judge.openai.api-key=sk-test",
      "earshot.dedup.judge.openai.name=judge-model",
      "earshot.dedup.judge.openai.timeout=2s",
      "earshot.dedup.judge.openai.max-retries=0"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS, "feedback.items.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@interface JudgedBoardTest {}

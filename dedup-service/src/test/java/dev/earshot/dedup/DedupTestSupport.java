package dev.earshot.dedup;

import dev.earshot.events.Author;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.FeedbackKind;
import dev.earshot.events.ModelProvenance;
import dev.earshot.events.Priority;
import dev.earshot.events.Quote;
import dev.earshot.events.Sentiment;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TopicRecords;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What dedup-service's integration tests share: PostgreSQL, an index directory, items, topics (the
 * generic parts in test-support: {@link EmbeddedDatabase}, {@link TopicRecords}, {@code ApiCalls}).
 */
public final class DedupTestSupport {

  /** Two phrasings of one request, and two other requests: the texts the board tests post. */
  public static final String SSO = "Single sign-on with Okta";

  public static final String SSO_TEXT =
      "We need our people to sign in through Okta single sign-on.";
  public static final String SSO_AGAIN = "Okta single sign-on login";
  public static final String SSO_AGAIN_TEXT =
      "Could staff log in with Okta SSO instead of passwords?";
  public static final String EXPORT = "CSV export limited to ten thousand rows";
  public static final String EXPORT_TEXT =
      "The CSV export stops at ten thousand rows for monthly reports.";
  public static final String MOBILE = "Mobile app crashes on photo upload";
  public static final String MOBILE_TEXT =
      "The mobile app crashes whenever drivers attach a delivery photo.";

  private DedupTestSupport() {}

  /** A real PostgreSQL server with a {@code dedup} database ({@link EmbeddedDatabase}). */
  public static EmbeddedDatabase postgres() {
    return EmbeddedDatabase.start("dedup");
  }

  public static Path indexDirectory() {
    try {
      return Files.createTempDirectory("dedup-index");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The settings of a dedup-service a test starts itself (a replica, a restarted instance) on
   * {@code pg}, the broker {@code brokers} and the embedded index {@code index}, with the local
   * token issuer and any free ports (API and management); the test adds its own, then starts it
   * with {@code ServiceArguments.of(settings)}.
   */
  public static Map<String, String> instance(EmbeddedDatabase pg, String brokers, Path index) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", pg.jdbcUrl("dedup"));
    settings.put("spring.datasource.username", "postgres");
    settings.put("spring.kafka.bootstrap-servers", brokers);
    settings.put("earshot.dedup.index.lucene.path", index.toString());
    settings.put("earshot.security.local-issuer", "true");
    settings.put("server.port", "0");
    // no actuator over HTTP (a child context and a second Tomcat each): PostsApiIT tests it
    settings.put("management.server.port", "-1");
    return settings;
  }

  public static void register(DynamicPropertyRegistry registry, EmbeddedDatabase pg, Path index) {
    registry.add("spring.datasource.url", () -> pg.jdbcUrl("dedup"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("earshot.dedup.index.lucene.path", index::toString);
  }

  /** An item as extraction-service publishes it. */
  public record ItemSpec(
      String orgId,
      String itemId,
      String callId,
      String title,
      String description,
      String accountId,
      String dealAmount,
      Priority priority,
      Sentiment sentiment,
      Instant callStartedAt) {

    public static ItemSpec of(String org, String title, String description) {
      return new ItemSpec(
          org,
          "item-" + UUID.randomUUID(),
          "call-" + UUID.randomUUID(),
          title,
          description,
          null,
          null,
          Priority.MEDIUM,
          Sentiment.NEGATIVE,
          Instant.parse("2026-11-10T10:00:00Z"));
    }

    public ItemSpec account(String id, String amount) {
      return new ItemSpec(
          orgId,
          itemId,
          callId,
          title,
          description,
          id,
          amount,
          priority,
          sentiment,
          callStartedAt);
    }

    public ItemSpec priority(Priority p) {
      return new ItemSpec(
          orgId,
          itemId,
          callId,
          title,
          description,
          accountId,
          dealAmount,
          p,
          sentiment,
          callStartedAt);
    }

    public ItemSpec at(Instant started) {
      return new ItemSpec(
          orgId,
          itemId,
          callId,
          title,
          description,
          accountId,
          dealAmount,
          priority,
          sentiment,
          started);
    }

    public FeedbackItem build() {
      return FeedbackItem.newBuilder()
          .setItemId(itemId)
          .setOrgId(orgId)
          .setConnectionId("conn-" + orgId)
          .setCallId(callId)
          .setCallUrl("https://app.gong.io/call?id=" + callId)
          .setCallStartedAt(callStartedAt)
          .setAuthor(
              Author.newBuilder()
                  .setName("Dana Reyes")
                  .setEmail("dana@customer.example")
                  .setTitle("Ops lead")
                  .setCompany("Customer")
                  .build())
          .setAccountId(accountId)
          .setAccountName(accountId == null ? null : "Account " + accountId)
          .setDealAmount(dealAmount == null ? null : new BigDecimal(dealAmount).setScale(2))
          .setDealCurrency(dealAmount == null ? null : "USD")
          .setKind(FeedbackKind.FEATURE_REQUEST)
          .setTitle(title)
          .setDescription(description)
          .setSentiment(sentiment)
          .setPriority(priority)
          .setFeatureArea("Security & access")
          .setPainPoints(List.of())
          .setQuotes(
              List.of(
                  Quote.newBuilder()
                      .setText(description)
                      .setStartMs(61_000)
                      .setEndMs(66_500)
                      .setSpeakerName("Dana Reyes")
                      .build()))
          .setBoard("Product")
          .setCategory("Feature requests")
          .setTags(List.of("area: security"))
          .setMetadata(Map.of("call_id", callId))
          .setModel(ModelProvenance.newBuilder().setProvider("test").setModel("fixture").build())
          .setExtractedAt(callStartedAt.plusSeconds(3600))
          .build();
    }
  }

  /** Post events for the posts matching {@code keep}, once at least {@code atLeast} arrived. */
  public static List<ConsumerRecord<String, SpecificRecord>> postEvents(
      String brokers, Predicate<ConsumerRecord<String, SpecificRecord>> keep, int atLeast) {
    return postEvents(brokers, keep, atLeast, Duration.ofSeconds(30));
  }

  /** The events on {@code feedback.posts.v1} of these posts, in order, once at least so many. */
  public static List<dev.earshot.events.PostEvent> eventsOf(
      String brokers, int atLeast, UUID... posts) {
    Set<String> keys = Arrays.stream(posts).map(UUID::toString).collect(Collectors.toSet());
    return postEvents(brokers, r -> keys.contains(r.key()), atLeast).stream()
        .map(r -> (dev.earshot.events.PostEvent) r.value())
        .toList();
  }

  /** As above, reading for at most {@code patience} ({@link TopicRecords}, 1 s to settle). */
  public static List<ConsumerRecord<String, SpecificRecord>> postEvents(
      String brokers,
      Predicate<ConsumerRecord<String, SpecificRecord>> keep,
      int atLeast,
      Duration patience) {
    return TopicRecords.read(
        brokers, dev.earshot.events.Topics.POSTS, keep, atLeast, patience, Duration.ofSeconds(1));
  }

  /**
   * A PostgreSQL trigger, for the life of a test, that runs {@code action} (plpgsql, e.g. {@code
   * raise exception '…'} or {@code perform pg_sleep(2)}) before each {@code event} ({@code insert},
   * {@code update}) on {@code table} of the org's rows only, so tests of other orgs sharing the
   * database are not touched; closing it drops the trigger and its function.
   */
  public static AutoCloseable orgTrigger(
      JdbcClient jdbc, String org, String event, String table, String action) {
    String name = "t_" + UUID.randomUUID().toString().replace('-', '_');
    jdbc.sql(
            "create function "
                + name
                + "() returns trigger language plpgsql as $$ begin if new.org_id = '"
                + org
                + "' then "
                + action
                + "; end if; return new; end $$")
        .update();
    jdbc.sql(
            "create trigger "
                + name
                + " before "
                + event
                + " on "
                + table
                + " for each row execute function "
                + name
                + "()")
        .update();
    return () -> {
      jdbc.sql("drop trigger " + name + " on " + table).update();
      jdbc.sql("drop function " + name + "()").update();
    };
  }
}

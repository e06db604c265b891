package dev.earshot.events;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/** Names and shapes of every Earshot topic, as listed in ARCHITECTURE.md. */
public final class Topics {

  public static final String CONNECTIONS = "gong.connections.v1";
  public static final String CALL_EVENTS = "gong.call-events.v1";
  public static final String CALLS = "gong.calls.v1";
  public static final String FEEDBACK_ITEMS = "feedback.items.v1";
  public static final String POSTS = "feedback.posts.v1";
  public static final String CONVERSATIONS = "crm.conversations.v1";
  public static final String FOLLOW_UPS = "calls.followups.v1";
  public static final String COMPANIES = "crm.companies.v1";

  /** Suffix of the dead-letter topic that receives a topic's poison records. */
  public static final String DEAD_LETTER_SUFFIX = ".dlt";

  /** Largest record a topic accepts: a one-hour transcript is ~60 KB, so this is generous. */
  public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  /**
   * One topic of the architecture.
   *
   * @param name topic name
   * @param key what the record key holds
   * @param valueType the Avro record on the topic
   * @param compacted whether the topic is log-compacted (latest value per key wins)
   */
  public record Topic(
      String name, String key, Class<? extends SpecificRecord> valueType, boolean compacted) {

    public String deadLetterName() {
      return deadLetterOf(name);
    }
  }

  public static final List<Topic> ALL =
      List.of(
          new Topic(CONNECTIONS, "connection id", Connection.class, true),
          new Topic(CALL_EVENTS, "connection id", CallEvent.class, false),
          new Topic(CALLS, "call id", Call.class, false),
          new Topic(FEEDBACK_ITEMS, "org id", FeedbackItem.class, false),
          new Topic(POSTS, "post id", PostEvent.class, false),
          new Topic(CONVERSATIONS, "call id", Conversation.class, false),
          new Topic(FOLLOW_UPS, "call id", FollowUp.class, false),
          new Topic(COMPANIES, "org id/company id", Company.class, true));

  private Topics() {}

  /**
   * The key of a company on {@link #COMPANIES}: {@code orgId/companyId}. The org is part of the key
   * because a tombstone (a null value) must say whose company it deletes, and two orgs' directories
   * may use the same company id. A company id holds no {@code /} (extraction-service's directory
   * upload refuses one; a CRM sync publishing here must keep to it): otherwise org {@code a}'s
   * company {@code b/c} and org {@code a/b}'s company {@code c} would share the key {@code a/b/c}.
   * So the org is what precedes the key's last {@code /}.
   */
  public static String companyKey(String orgId, String companyId) {
    return orgId + "/" + companyId;
  }

  public static String deadLetterOf(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }

  /** Every topic name including the dead-letter topics, in a stable order. */
  public static List<String> allNamesWithDeadLetters() {
    return ALL.stream().flatMap(t -> Stream.of(t.name(), t.deadLetterName())).toList();
  }
}

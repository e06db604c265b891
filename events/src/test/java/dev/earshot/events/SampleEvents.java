package dev.earshot.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated record of every event type, for round-trip tests. */
public final class SampleEvents {

  static {
    // A builder filling a field's default of a record or enum type (FollowUp's recipients, an
    // action's owner side and citations) asks Avro for that class, which Avro 1.12 refuses until
    // the event package is trusted; EventSchemas trusts it when loaded, as every Earshot serde and
    // service does before building records. These samples may be built before any serde exists.
    dev.earshot.events.serde.EventSchemas.get();
  }

  static final Instant T0 = Instant.parse("2026-11-02T15:04:05.123Z");

  private SampleEvents() {}

  public static Map<String, SpecificRecord> oneOfEach() {
    return Map.of(
        Topics.CONNECTIONS, connection(),
        Topics.CALL_EVENTS, callEvent(),
        Topics.CALLS, call(),
        Topics.FEEDBACK_ITEMS, feedbackItem(),
        Topics.POSTS, postEvent(),
        Topics.CONVERSATIONS, conversation(),
        Topics.FOLLOW_UPS, followUp());
  }

  static Connection connection() {
    return Connection.newBuilder()
        .setConnectionId("c-1")
        .setOrgId("org-1")
        .setStatus(ConnectionStatus.CONNECTED)
        .setAuthKind(AuthKind.API_KEY)
        .setApiBaseUrl("https://us-1234.api.gong.io")
        .setWebhookKeyHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .setUpdatedAt(T0)
        .build();
  }

  static CallEvent callEvent() {
    return CallEvent.newBuilder()
        .setEventId("e-1")
        .setConnectionId("c-1")
        .setOrgId("org-1")
        .setCallId("7782342274025937895")
        .setSource(CallEventSource.WEBHOOK)
        .setSeenAt(T0)
        .setWebhookPayload("{\"callData\":{}}")
        .build();
  }

  public static Call call() {
    return Call.newBuilder()
        .setCallId("7782342274025937895")
        .setConnectionId("c-1")
        .setOrgId("org-1")
        .setUrl("https://app.gong.io/call?id=7782342274025937895")
        .setTitle("Acme weekly sync")
        .setStarted(T0)
        .setDurationSeconds(1800)
        .setParties(
            List.of(
                Party.newBuilder()
                    .setId("p1")
                    .setSpeakerId("s1")
                    .setName("Dana Buyer")
                    .setEmailAddress("dana@acme.example")
                    .setAffiliation(Affiliation.EXTERNAL)
                    .build()))
        .setCrm(
            CrmContext.newBuilder()
                .setAccountId("001A")
                .setAccountName("Acme")
                .setDealAmount(new BigDecimal("125000.50"))
                .setDealCurrency("USD")
                .setDealStage("Negotiation")
                .build())
        .setContent(
            GongContent.newBuilder()
                .setBrief("Acme asked for SSO.")
                .setKeyPoints(List.of("SSO is a blocker"))
                .setOutline(List.of())
                .setHighlights(List.of())
                .setTopics(
                    List.of(
                        CallTopic.newBuilder().setName("Security").setDurationSeconds(240).build()))
                .setActionItems(List.of())
                .build())
        .setTranscript(
            List.of(
                TranscriptTurn.newBuilder()
                    .setSpeakerId("s1")
                    .setSentences(
                        List.of(
                            Sentence.newBuilder()
                                .setStartMs(1000)
                                .setEndMs(4200)
                                .setText("We really need SSO with Okta.")
                                .build()))
                    .build()))
        .setFetchedAt(T0)
        .build();
  }

  public static FeedbackItem feedbackItem() {
    return FeedbackItem.newBuilder()
        .setItemId("i-1")
        .setOrgId("org-1")
        .setConnectionId("c-1")
        .setCallId("7782342274025937895")
        .setCallUrl("https://app.gong.io/call?id=7782342274025937895")
        .setCallStartedAt(T0)
        .setAuthor(Author.newBuilder().setName("Dana Buyer").build())
        .setDealAmount(new BigDecimal("125000.50"))
        .setKind(FeedbackKind.FEATURE_REQUEST)
        .setTitle("Support SSO with Okta")
        .setDescription("Acme cannot roll out without Okta SSO.")
        .setSentiment(Sentiment.NEGATIVE)
        .setPriority(Priority.HIGH)
        .setQuotes(List.of(quote()))
        .setBoard("Feature Requests")
        .setTags(List.of("source: gong", "source_type: integration"))
        .setMetadata(Map.of("call_id", "7782342274025937895"))
        .setModel(ModelProvenance.newBuilder().setProvider("offline").setModel("minilm").build())
        .setExtractedAt(T0)
        .build();
  }

  /** A post created with one mention of one quote (consumer-example's test reads it too). */
  public static PostEvent postEvent() {
    return PostEvent.newBuilder()
        .setEventId("pe-1")
        .setType(PostEventType.CREATED)
        .setPostId("post-1")
        .setOrgId("org-1")
        .setOccurredAt(T0)
        .setBoard("Feature Requests")
        .setTitle("Support SSO with Okta")
        .setDescription("Customers ask for Okta SSO.")
        .setStatus("open")
        .setMentionCount(1)
        .setFirstSeen(T0)
        .setLastSeen(T0)
        .setHighestPriority(Priority.HIGH)
        .setDealAmountAtStake(new BigDecimal("125000.50"))
        .setSentimentMix(
            SentimentMix.newBuilder().setNegative(1).setNeutral(0).setPositive(0).build())
        .setMention(
            MentionRef.newBuilder()
                .setItemId("i-1")
                .setCallId("7782342274025937895")
                .setCallUrl("https://app.gong.io/call?id=7782342274025937895")
                .setQuotes(List.of(quote()))
                .build())
        .build();
  }

  static Conversation conversation() {
    return Conversation.newBuilder()
        .setCallId("7782342274025937895")
        .setOrgId("org-1")
        .setSubject("Acme weekly sync")
        .setDescription("Talked about SSO.")
        .setEndUsers(List.of(Person.newBuilder().setName("Dana Buyer").build()))
        .setUsers(List.of(Person.newBuilder().setName("Rep").build()))
        .setExternalId("7782342274025937895")
        .setUrl("https://app.gong.io/call?id=7782342274025937895")
        .setDurationMinutes(30)
        .setCompanyId("001A")
        .setOccurredAt(T0)
        .build();
  }

  static FollowUp followUp() {
    return FollowUp.newBuilder()
        .setCallId("7782342274025937895")
        .setOrgId("org-1")
        .setSubject("Next steps")
        .setBody("Thanks for the time today.")
        .setActionItems(List.of(FollowUpAction.newBuilder().setText("Send SSO roadmap").build()))
        .setCitedMoments(List.of(quote()))
        .setCreatedAt(T0)
        .build();
  }

  static Quote quote() {
    return Quote.newBuilder()
        .setText("We really need SSO with Okta.")
        .setStartMs(1000)
        .setEndMs(4200)
        .setSpeakerId("s1")
        .build();
  }
}

package dev.earshot.extraction.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.Conversation;
import dev.earshot.events.CrmContext;
import dev.earshot.events.GongContent;
import dev.earshot.events.Party;
import dev.earshot.events.Sentence;
import dev.earshot.events.Topics;
import dev.earshot.events.TranscriptTurn;
import dev.earshot.kit.kafka.DeadLetterReplay;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ActuatorPort;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.TestTokens;
import dev.earshot.testing.TopicRecords;
import dev.earshot.testing.sweep.MalformedRequestSweep;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The company directory API, conversation records and call volume end to end: a real broker and
 * PostgreSQL, the directory loaded over HTTP, calls published on gong.calls.v1.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.kafka.retry.initial-interval=100ms",
      "earshot.extraction.concurrency=1",
      "earshot.extraction.volume.gauge-interval=200ms"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, Topics.FEEDBACK_ITEMS, Topics.CONVERSATIONS, Topics.COMPANIES},
    brokerProperties = {
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1"
    })
// Closed while its broker and database still run, not by the JVM's exit.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConversationsIT {

  static final JsonMapper json = JsonMapper.builder().build();
  static final HttpClient http = HttpClient.newHttpClient();
  static final Instant NOV_30 = Instant.parse("2026-11-30T15:00:00Z");

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired LocalTokenIssuer tokens;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired MeterRegistry meters;

  record Reply(int status, JsonNode body) {}

  String admin(String org) {
    return tokens.issue(org, "admin", "admin@" + org, Duration.ofMinutes(10));
  }

  Reply upload(String method, String org, String role, String type, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/companies"))
                .header(
                    "Authorization",
                    "Bearer " + tokens.issue(org, role, role + "@" + org, Duration.ofMinutes(5)))
                .header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body().isBlank() ? null : json.readTree(r.body()));
  }

  Reply get(String path, String token) throws Exception {
    HttpResponse<String> r = ApiCalls.get(port, path, token);
    return new Reply(r.statusCode(), json.readTree(r.body()));
  }

  static Call call(String org, String id, String crmAccount, String brief, String... externals) {
    List<Party> parties = new java.util.ArrayList<>();
    parties.add(
        Party.newBuilder()
            .setId(id + "-rep")
            .setSpeakerId("s0")
            .setName("Rita Rep")
            .setEmailAddress("rita@ourco.example")
            .setAffiliation(Affiliation.INTERNAL)
            .build());
    for (int i = 0; i < externals.length; i++) {
      parties.add(
          Party.newBuilder()
              .setId(id + "-ext" + i)
              .setSpeakerId("s" + (i + 1))
              .setName("Customer " + i)
              .setEmailAddress(externals[i])
              .setAffiliation(Affiliation.EXTERNAL)
              .build());
    }
    return Call.newBuilder()
        .setCallId(id)
        .setConnectionId("conn")
        .setOrgId(org)
        .setUrl("https://app.gong.io/call?id=" + id)
        .setTitle("Quarterly review " + id)
        .setStarted(NOV_30)
        .setDurationSeconds(1_830)
        .setParties(parties)
        .setCrm(
            crmAccount == null ? null : CrmContext.newBuilder().setAccountId(crmAccount).build())
        .setContent(
            brief == null
                ? null
                : GongContent.newBuilder()
                    .setBrief(brief)
                    .setKeyPoints(List.of("Renewal in Q1"))
                    .setOutline(List.of())
                    .setHighlights(List.of())
                    .setTopics(List.of())
                    .setActionItems(List.of())
                    .build())
        .setTranscript(
            List.of(
                TranscriptTurn.newBuilder()
                    .setSpeakerId("s0")
                    .setSentences(
                        List.of(
                            Sentence.newBuilder()
                                .setStartMs(0)
                                .setEndMs(2_000)
                                .setText("Thanks for joining today.")
                                .build()))
                    .build()))
        .setFetchedAt(NOV_30.plusSeconds(3_600))
        .build();
  }

  void publish(Call call) {
    kafka.executeInTransaction(k -> k.send(Topics.CALLS, call.getCallId(), call));
  }

  List<Conversation> conversations(String org, int atLeast) {
    return TopicRecords.read(
            broker.getBrokersAsString(),
            Topics.CONVERSATIONS,
            "read_committed",
            r -> r.value() instanceof Conversation c && c.getOrgId().equals(org),
            atLeast,
            Duration.ofSeconds(30),
            Duration.ofSeconds(2))
        .stream()
        .map(ConsumerRecord::value)
        .map(Conversation.class::cast)
        .toList();
  }

  @Test
  void everyEndpointAnswersMalformedRequestsWithAProblemNeverA5xx(
      @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
    // given an org's admin and member, and no token
    String org = "org-sweep";
    // when every mapped endpoint (conversations, companies, volume, follow-ups) gets the sweep's
    // malformed requests, a company upload's nested fields each swept from a JSON upload
    MalformedRequestSweep.Result result =
        MalformedRequestSweep.of(port, mapping)
            .body(
                "/api/v1/companies",
                java.util.Map.of(
                    "companies",
                    java.util.List.of(
                        java.util.Map.of(
                            "id",
                            "acme",
                            "name",
                            "Acme",
                            "domains",
                            java.util.List.of("acme.example"),
                            "crmIds",
                            java.util.List.of(
                                java.util.Map.of("system", "salesforce", "id", "001A"))))))
            .caller("admin", TestTokens.admin(tokens::issue, org))
            .caller("member", TestTokens.member(tokens::issue, org))
            .caller("anonymous", null)
            .run();
    MalformedRequestSweep.Result actuator =
        MalformedRequestSweep.actuator(managementPort)
            .caller("admin", TestTokens.admin(tokens::issue, org))
            .caller("anonymous", null)
            .run();
    // then none is a 5xx, and every 4xx is a problem with a title and a detail
    System.out.println("ConversationsIT sweep: " + result);
    System.out.println("ConversationsIT actuator sweep: " + actuator);
    result.assertNoServerErrorsAndEvery4xxIsAProblem();
    actuator.assertNoServerErrorsAndEvery4xxIsAProblem();
  }

  @Test
  void actuatorIsServedOnTheManagementPortOnlyNeverOnTheApiPort() throws Exception {
    // Prometheus's scrape is open (some meters are tagged with org ids): not where the API is
    ActuatorPort.assertServedOnTheManagementPortOnly(port, managementPort, admin("org-actuator"));
  }

  @Test
  void callsMapByCrmIdOrDomainAndUnmappedOnesAreCountedWithTheirReason() throws Exception {
    String org = "org-" + UUID.randomUUID();
    Reply loaded =
        upload(
            "PUT",
            org,
            "admin",
            "text/csv",
            "id,name,domains,crm_ids\n"
                + "acme,Acme,acme.example,salesforce:001A\n"
                + "globex,Globex,globex.example,\n");
    assertThat(loaded.status()).isEqualTo(200);
    assertThat(loaded.body().path("loaded").asInt()).isEqualTo(2);
    assertThat(loaded.body().path("visible").asBoolean()).isTrue();
    double unmappedBefore =
        meters.counter("earshot.conversations.unmapped", "reason", "only_free_mail").count();

    publish(call(org, "c-crm", "001A", "Acme wants SSO.", "ann@somewhere.example"));
    publish(call(org, "c-domain", null, "Globex review.", "bo@eu.globex.example"));
    publish(call(org, "c-free", null, "Someone on gmail.", "cy@gmail.com"));

    List<Conversation> records = conversations(org, 2);
    assertThat(records)
        .extracting(Conversation::getCallId, Conversation::getCompanyId)
        .containsExactlyInAnyOrder(tuple("c-crm", "acme"), tuple("c-domain", "globex"));
    Conversation acme =
        records.stream().filter(c -> c.getCallId().equals("c-crm")).findFirst().orElseThrow();
    assertThat(acme.getType()).isEqualTo("Gong Call");
    assertThat(acme.getSubject()).isEqualTo("Quarterly review c-crm");
    assertThat(acme.getDescription()).isEqualTo("Acme wants SSO.\n\nKey points\n- Renewal in Q1");
    assertThat(acme.getExternalId()).isEqualTo("c-crm");
    assertThat(acme.getDurationMinutes()).isEqualTo(31);
    assertThat(acme.getEndUsers())
        .extracting(p -> p.getEmail())
        .containsExactly("ann@somewhere.example");
    assertThat(acme.getUsers()).extracting(p -> p.getEmail()).containsExactly("rita@ourco.example");
    assertThat(acme.getCompanyName()).isEqualTo("Acme");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Reply free = get("/api/v1/conversations/c-free", admin(org));
              assertThat(free.status()).isEqualTo(200);
              assertThat(free.body().path("status").asString()).isEqualTo("unmapped");
              assertThat(free.body().path("reason").asString()).isEqualTo("only_free_mail");
            });
    assertThat(meters.counter("earshot.conversations.unmapped", "reason", "only_free_mail").count())
        .isEqualTo(unmappedBefore + 1);
    Reply domain = get("/api/v1/conversations/c-domain", admin(org));
    assertThat(domain.body().path("matchedBy").asString()).isEqualTo("email_domain");
    assertThat(domain.body().path("evidence").asString()).isEqualTo("globex.example");

    // another org's token sees none of it
    String other = admin("org-other-" + UUID.randomUUID());
    assertThat(get("/api/v1/conversations/c-crm", other).status()).isEqualTo(404);
    assertThat(get("/api/v1/companies", other).body().path("total").asInt()).isZero();
    assertThat(
            get("/api/v1/calls/volume?from=2026-11-30&to=2026-11-30", other)
                .body()
                .path("totalCalls")
                .asLong())
        .isZero();
  }

  @Test
  void aSummaryArrivingLaterPublishesTheRecordAgainAndAnIdenticalOneDoesNot() throws Exception {
    String org = "org-" + UUID.randomUUID();
    upload(
        "PUT",
        org,
        "admin",
        "application/json",
        "[{\"id\":\"acme\",\"name\":\"Acme\",\"crmIds\":[\"sf:9\"]}]");

    publish(call(org, "late", "9", null, "ann@acme.example"));
    List<Conversation> first = conversations(org, 1);
    assertThat(first).hasSize(1);
    assertThat(first.getFirst().getDescription()).isEmpty();

    double handled = meters.counter("earshot.conversations.calls", "outcome", "mapped").count();
    publish(call(org, "late", "9", "Gong's brief, at last.", "ann@acme.example"));
    publish(call(org, "late", "9", "Gong's brief, at last.", "ann@acme.example"));
    // a later record without the summary never takes it back
    publish(call(org, "late", "9", null, "ann@acme.example"));
    // all three handled (the same key keeps their order): what they published is on the topic now
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                meters.counter("earshot.conversations.calls", "outcome", "mapped").count()
                    >= handled + 3);

    List<Conversation> all = conversations(org, 2);
    assertThat(all).hasSize(2);
    assertThat(all.get(1).getCallId()).isEqualTo("late");
    assertThat(all.get(1).getDescription()).startsWith("Gong's brief, at last.");
    Reply outcome = get("/api/v1/conversations/late", admin(org));
    assertThat(outcome.body().path("publications").asInt()).isEqualTo(2);
    assertThat(outcome.body().path("hasSummary").asBoolean()).isTrue();
  }

  @Test
  void aRecordReplayedFromTheDeadLetterTopicPublishesEvenWhenIdentical() throws Exception {
    // given a call whose record was published (or written as published by an attempt whose
    // transaction then rolled back, until the call was dead-lettered)
    String org = "org-" + UUID.randomUUID();
    upload("PUT", org, "admin", "text/csv", "id,name,domains\nacme,Acme,acme.example\n");
    Call call = call(org, "replayed", null, "A brief.", "ann@acme.example");
    publish(call);
    assertThat(conversations(org, 1)).hasSize(1);

    // when ./earshot dlt replay writes it back, at a new offset, with its header
    kafka.executeInTransaction(
        k ->
            k.send(
                new ProducerRecord<>(
                    Topics.CALLS,
                    null,
                    call.getCallId(),
                    (SpecificRecord) call,
                    List.of(
                        new RecordHeader(
                            DeadLetterReplay.REPLAYED_FROM_HEADER,
                            "gong.calls.v1.dlt-0@7".getBytes(StandardCharsets.UTF_8))))));

    // then it is published again, where an identical record read anew is not
    assertThat(conversations(org, 2)).hasSize(2);
    Reply outcome = get("/api/v1/conversations/replayed", admin(org));
    assertThat(outcome.body().path("publications").asInt()).isEqualTo(2);
  }

  @Test
  void volumeCountsEachCallOnceWhateverTheRedeliveries() throws Exception {
    String org = "org-" + UUID.randomUUID();
    upload("PUT", org, "admin", "text/csv", "id,name,domains\nacme,Acme,acme.example\n");
    Call one = call(org, "v1", null, "b", "a@acme.example");
    Call two = call(org, "v2", null, null, "a@gmail.com");

    publish(one);
    publish(one);
    publish(two);
    publish(call(org, "v1", null, "re-published with a summary", "a@acme.example"));

    String token = admin(org);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Reply day = get("/api/v1/calls/volume?from=2026-11-29&to=2026-11-30&by=day", token);
              assertThat(day.status()).isEqualTo(200);
              assertThat(day.body().path("totalCalls").asLong()).isEqualTo(2);
            });
    // the last record is consumed after the two counted ones: wait for it, then the count holds
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                meters.counter("earshot.calls.counted", "outcome", "already_counted").count() >= 2);
    Reply day = get("/api/v1/calls/volume?from=2026-11-29&to=2026-11-30&by=day", token);
    assertThat(day.body().path("buckets").get(0).path("calls").asLong()).isZero();
    assertThat(day.body().path("buckets").get(1).path("calls").asLong()).isEqualTo(2);
    assertThat(day.body().path("buckets").get(1).path("minutes").asDouble()).isEqualTo(61.0);
    Reply week =
        get("/api/v1/calls/volume?from=2026-11-30&to=2026-11-30&by=week&company=acme", token);
    assertThat(week.body().path("buckets").get(0).path("label").asString()).isEqualTo("2026-W49");
    assertThat(week.body().path("totalCalls").asLong()).isEqualTo(1);

    Reply bad = get("/api/v1/calls/volume?from=30-11-2026", token);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("type").asString()).endsWith("/invalid-from");
    assertThat(get("/api/v1/calls/volume?from=2026-12-01&to=2026-11-01", token).status())
        .isEqualTo(400);
    assertThat(get("/api/v1/calls/volume?by=month", token).status()).isEqualTo(400);
  }

  @Test
  void volumeDaysOutsideYears1970To9999Are400WithTheRange() throws Exception {
    String token = admin("org-" + UUID.randomUUID());

    // the largest day Java reads (its next day overflows) and a year PostgreSQL cannot store
    Reply last = get("/api/v1/calls/volume?from=%2B999999999-12-30&to=%2B999999999-12-31", token);
    Reply far = get("/api/v1/calls/volume?from=%2B300000-01-01&to=%2B300000-01-02", token);
    Reply widest = get("/api/v1/calls/volume?from=9999-12-01&to=9999-12-31&by=week", token);

    assertThat(last.status()).as(String.valueOf(last.body())).isEqualTo(400);
    assertThat(last.body().path("detail").asString()).contains("from 1970-01-01 to 9999-12-31");
    assertThat(far.status()).as(String.valueOf(far.body())).isEqualTo(400);
    assertThat(widest.status()).as(String.valueOf(widest.body())).isEqualTo(200);
    // too many weeks: the advice does not tell a caller asking by week to ask by week
    Reply weeks = get("/api/v1/calls/volume?from=1970-01-01&to=9999-12-31&by=week", token);
    assertThat(weeks.status()).isEqualTo(400);
    assertThat(weeks.body().path("detail").asString())
        .contains("shorten the range")
        .doesNotContain("ask by week");
  }

  @Test
  void uploadsAreAdminOnlyAndBadOnesAreRefusedWithAReason() throws Exception {
    String org = "org-" + UUID.randomUUID();
    assertThat(upload("PUT", org, "member", "text/csv", "id,name\na,A\n").status()).isEqualTo(403);

    Reply badCsv = upload("PUT", org, "admin", "text/csv", "name,domains\nAcme,acme.example\n");
    assertThat(badCsv.status()).isEqualTo(400);
    assertThat(badCsv.body().path("type").asString()).endsWith("/invalid-companies");
    assertThat(badCsv.body().path("detail").asString()).contains("columns id and name");

    Reply badJson = upload("POST", org, "admin", "application/json", "[{\"id\":\"a\"}");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.body().path("detail").asString()).contains("not valid JSON");

    Reply freeMail =
        upload(
            "POST",
            org,
            "admin",
            "application/json",
            "[{\"id\":\"a\",\"name\":\"A\",\"domains\":[\"gmail.com\"]}]");
    assertThat(freeMail.status()).isEqualTo(400);
    assertThat(freeMail.body().path("errors").get(0).asString()).contains("free-mail");

    Reply slash = upload("PUT", org, "admin", "text/csv", "id,name\nb/c,BC\n");
    assertThat(slash.status()).isEqualTo(400);
    assertThat(slash.body().path("errors").get(0).asString()).contains("holds a '/'");

    assertThat(upload("PUT", org, "admin", "text/plain", "id,name\n").status()).isEqualTo(415);

    // merge, then replace: the company missing from the replacement is deleted
    upload("POST", org, "admin", "text/csv", "id,name\na,A\nb,B\n");
    Reply replaced = upload("PUT", org, "admin", "text/csv", "id,name\nb,B2\n");
    assertThat(replaced.body().path("deleted").asInt()).isEqualTo(1);
    Reply list = get("/api/v1/companies", admin(org));
    assertThat(list.body().path("items").get(0).path("name").asString()).isEqualTo("B2");
    assertThat(list.body().path("total").asInt()).isEqualTo(1);
  }
}

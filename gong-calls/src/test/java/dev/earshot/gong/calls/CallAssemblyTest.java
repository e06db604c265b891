package dev.earshot.gong.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.api.ExtensivePage;
import dev.earshot.gong.api.TranscriptPage;
import dev.earshot.gong.client.GongJson;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Call event built from Gong's real payload shapes (shared fixtures; skipped where absent), and
 * from the odd shapes real CRM context and transcripts take: every one assembles and encodes, and a
 * value that does not fit the contract is left out and named.
 */
class CallAssemblyTest {

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  static final Path FIXTURES =
      Path.of("..", "..", "shared", "fixtures", "gong").toAbsolutePath().normalize();

  @Test
  void buildsTheCallEventFromGongsExtensiveCallAndTranscript() throws Exception {
    assumeTrue(Files.exists(FIXTURES.resolve("calls-extensive.json")), "fixtures absent");
    var extensive =
        GongJson.mapper()
            .readValue(
                Files.readString(FIXTURES.resolve("calls-extensive.json")), ExtensivePage.class);
    var transcript =
        GongJson.mapper()
            .readValue(
                Files.readString(FIXTURES.resolve("calls-transcript.json")), TranscriptPage.class);
    Instant now = Instant.parse("2026-11-25T00:00:00Z");

    Call call =
        CallAssembly.assemble(
            "c-1",
            "org-1",
            extensive.calls().getFirst(),
            transcript.callTranscripts().getFirst(),
            now);

    assertThat(call.getCallId()).isEqualTo("5120043019283746501");
    assertThat(call.getDurationSeconds()).isEqualTo(1864);
    assertThat(call.getParties())
        .extracting(p -> p.getAffiliation())
        .containsExactly(Affiliation.INTERNAL, Affiliation.EXTERNAL, Affiliation.UNKNOWN);
    assertThat(call.getCrm().getAccountName()).isEqualTo("Northwind Logistics");
    assertThat(call.getCrm().getAccountDomain()).isEqualTo("northwind-logistics.example");
    assertThat(call.getCrm().getDealAmount()).isEqualByComparingTo(new BigDecimal("84000.00"));
    assertThat(call.getCrm().getDealStage()).isEqualTo("Negotiation");
    assertThat(call.getContent().getKeyPoints()).hasSize(2);
    assertThat(call.getContent().getActionItems().getFirst().getSpeakerId())
        .isEqualTo("7001002003004005001");
    assertThat(call.getTranscript()).hasSize(4);
    assertThat(call.getTranscript().get(1).getSentences().getFirst().getStartMs())
        .isEqualTo(612400);
    assertThat(call.getFetchedAt()).isEqualTo(now);
  }

  // ---- CRM values in the shapes real CRMs give them ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a number           | 84000                  | 84000.00",
        "a number as text   | \"84000.5\"            | 84000.50",
        "grouped text       | \"1,234,567.891\"      | 1234567.89",
        "one-element array  | [\"250\"]              | 250.00",
        "thirteen digits    | 9999999999999.99       | 9999999999999.99",
        "sixteen as text    | \"9999999999999999.99\"  | 9999999999999999.99",
        "a fraction of cent | 0.001                  | 0.00",
      })
  void amountsInAnyNumericShapeBecomeTheDealAmount(String shape, String json, String expected) {
    var assembled = assemble(opportunity("{\"name\":\"Amount\",\"value\":" + json + "}"));

    assertThat(assembled.call().getCrm().getDealAmount())
        .isEqualByComparingTo(new BigDecimal(expected));
    assertThat(assembled.dropped()).isEmpty();
    assertThat(encodes(assembled.call())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "17 integer digits      | \"12345678901234567.00\"",
        "an exponent            | 1e20",
        "an exponent as text    | \"1e20\"",
        "rounds up to 17 digits | 9999999999999999.995",
        "a huge exponent        | \"1e999999999\"",
        "not a number           | \"about 80k\"",
        "an object              | {\"amount\":84000}",
        "a longer array         | [1, 2]",
      })
  void amountsThatDoNotFitDecimal18Comma2AreDroppedAndNamedNeverACrash(String shape, String json) {
    var assembled = assemble(opportunity("{\"name\":\"Amount\",\"value\":" + json + "}"));

    assertThat(assembled.call().getCrm().getDealAmount()).isNull();
    assertThat(assembled.dropped()).containsExactly("crm.dealAmount");
    assertThat(assembled.call().getCrm().getDealName()).isEqualTo("Renewal");
    assertThat(encodes(assembled.call())).isTrue();
  }

  @Test
  void aNullAmountIsSimplyAbsent() {
    var assembled = assemble(opportunity("{\"name\":\"Amount\",\"value\":null}"));

    assertThat(assembled.call().getCrm().getDealAmount()).isNull();
    assertThat(assembled.dropped()).isEmpty();
  }

  @Test
  void theCrmCurrencyFieldSetsDealCurrency() {
    var salesforce =
        assemble(
            opportunity(
                "{\"name\":\"Amount\",\"value\":\"84000\"},"
                    + "{\"name\":\"CurrencyIsoCode\",\"value\":\"eur\"}"));
    var hubspot =
        assemble(
            opportunity(
                "{\"name\":\"Amount\",\"value\":1200},"
                    + "{\"name\":\"deal_currency_code\",\"value\":\"GBP\"}"));
    var nonsense = assemble(opportunity("{\"name\":\"CurrencyIsoCode\",\"value\":\"Euro (EUR)\"}"));

    assertThat(salesforce.call().getCrm().getDealCurrency()).isEqualTo("EUR");
    assertThat(hubspot.call().getCrm().getDealCurrency()).isEqualTo("GBP");
    assertThat(nonsense.call().getCrm().getDealCurrency()).isNull();
    assertThat(nonsense.dropped()).containsExactly("crm.dealCurrency");
    assertThat(encodes(salesforce.call())).isTrue();
  }

  @Test
  void anOpportunityListedBeforeItsAccountStillGivesBoth() {
    var assembled =
        assemble(
            crm(
                "{\"objectType\":\"Opportunity\",\"objectId\":\"006\",\"fields\":["
                    + "{\"name\":\"Name\",\"value\":\"Renewal\"},"
                    + "{\"name\":\"StageName\",\"value\":\"Negotiation\"}]},"
                    + "{\"objectType\":\"Account\",\"objectId\":\"001\",\"fields\":["
                    + "{\"name\":\"Name\",\"value\":\"Northwind\"},"
                    + "{\"name\":\"Website\",\"value\":\"northwind.example\"}]}"));

    assertThat(assembled.call().getCrm().getAccountId()).isEqualTo("001");
    assertThat(assembled.call().getCrm().getAccountName()).isEqualTo("Northwind");
    assertThat(assembled.call().getCrm().getAccountDomain()).isEqualTo("northwind.example");
    assertThat(assembled.call().getCrm().getDealId()).isEqualTo("006");
    assertThat(assembled.call().getCrm().getDealStage()).isEqualTo("Negotiation");
  }

  @Test
  void textFieldsGivenAsNumbersArraysNullsOrObjectsAreKeptAsTextOrDropped() {
    var assembled =
        assemble(
            crm(
                "{\"objectType\":\"Account\",\"objectId\":\"001\",\"fields\":["
                    + "{\"name\":\"Name\",\"value\":[\"Northwind\",null,\"NW\"]},"
                    + "{\"name\":\"Website\",\"value\":{\"url\":\"x\"}}]},"
                    + "{\"objectType\":\"Opportunity\",\"objectId\":null,\"fields\":["
                    + "null,{\"name\":\"Name\",\"value\":2027},"
                    + "{\"name\":\"StageName\",\"value\":null}]}"));

    assertThat(assembled.call().getCrm().getAccountName()).isEqualTo("Northwind, NW");
    assertThat(assembled.call().getCrm().getAccountDomain()).isNull();
    assertThat(assembled.call().getCrm().getDealName()).isEqualTo("2027");
    assertThat(assembled.call().getCrm().getDealStage()).isNull();
    assertThat(assembled.dropped()).containsExactly("crm.accountDomain");
    assertThat(encodes(assembled.call())).isTrue();
  }

  // ---- nulls and gaps elsewhere ----

  @Test
  void partiesWithOnlyAPhoneNumberAndNullSpeakerIdsAreKept() {
    var call =
        extensive(
            "\"parties\":[{\"phoneNumber\":\"+1 555 0100\"},"
                + "{\"id\":\"p2\",\"speakerId\":null,\"affiliation\":null}]");
    var transcript =
        transcript(
            "[{\"speakerId\":null,\"sentences\":[{\"start\":0,\"end\":900,\"text\":\"hi\"}]},"
                + "{\"speakerId\":\"s1\",\"sentences\":[{\"start\":null,\"text\":null}]}]");

    Call assembled = CallAssembly.assemble("c-1", "org-1", call, transcript, NOW);

    assertThat(assembled.getParties()).hasSize(2);
    assertThat(assembled.getParties().getFirst().getId()).isEmpty();
    assertThat(assembled.getParties()).allMatch(p -> p.getAffiliation() == Affiliation.UNKNOWN);
    assertThat(assembled.getTranscript().getFirst().getSpeakerId()).isEmpty();
    assertThat(assembled.getTranscript().get(1).getSentences().getFirst().getText()).isEmpty();
    assertThat(encodes(assembled)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"und", "zxx"})
  void anEmptyTranscriptAndAnUndeterminedLanguageMakeAValidCall(String language) {
    var call = extensive("\"parties\":[]", language);

    Call assembled = CallAssembly.assemble("c-1", "org-1", call, transcript("[]"), NOW);

    assertThat(assembled.getTranscript()).isEmpty();
    assertThat(assembled.getLanguage()).isEqualTo(language);
    assertThat(encodes(assembled)).isTrue();
  }

  // ---- helpers ----

  private static CallAssembly.Assembled assemble(ExtensiveCall call) {
    return CallAssembly.assembled("c-1", "org-1", call, transcript("[]"), NOW);
  }

  private static ExtensiveCall opportunity(String fields) {
    return crm(
        "{\"objectType\":\"Opportunity\",\"objectId\":\"006\",\"fields\":["
            + "{\"name\":\"Name\",\"value\":\"Renewal\"},"
            + fields
            + "]}");
  }

  private static ExtensiveCall crm(String objects) {
    return extensive(
        "\"parties\":[],\"context\":[{\"system\":\"Salesforce\",\"objects\":[" + objects + "]}]");
  }

  private static ExtensiveCall extensive(String rest) {
    return extensive(rest, "eng");
  }

  private static ExtensiveCall extensive(String rest, String language) {
    return GongJson.mapper()
        .readValue(
            "{\"metaData\":{\"id\":\"42\",\"isPrivate\":false,\"duration\":\"60\","
                + "\"started\":\"2026-11-30T10:00:00Z\",\"language\":\""
                + language
                + "\"},"
                + rest
                + "}",
            ExtensiveCall.class);
  }

  private static CallTranscript transcript(String monologues) {
    return GongJson.mapper()
        .readValue("{\"callId\":\"42\",\"transcript\":" + monologues + "}", CallTranscript.class);
  }

  private static boolean encodes(Call call) {
    return new AvroEventSerializer().serialize(Topics.CALLS, call).length > 0;
  }
}

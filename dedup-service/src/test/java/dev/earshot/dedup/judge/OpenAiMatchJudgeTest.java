package dev.earshot.dedup.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.provider.ProviderHttp;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI judge against a local server speaking chat completions (request: Bearer key, system
 * and user messages, response_format json_schema strict; answer: choices[0].message.content,
 * usage.prompt_tokens / completion_tokens).
 */
class OpenAiMatchJudgeTest {

  private static final JsonMapper json = JsonMapper.builder().build();
  private ProviderStub provider;

  @BeforeEach
  void start() throws Exception {
    provider = new ProviderStub();
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  private OpenAiMatchJudge judge(int retries) {
    return new OpenAiMatchJudge(
        Questions.settings(provider.baseUrl(), "/v1/chat/completions", "Authorization", retries),
        HttpClient.newHttpClient());
  }

  @Test
  void asksWithAStrictSchemaAndReadsThePick() {
    provider.reply(ProviderStub.Reply.ok(ProviderStub.openAiAnswer("{\"post\": 1}", 310, 6)));

    MatchJudge.Verdict verdict = judge(0).judge(Questions.ssoItem());

    assertThat(verdict)
        .isEqualTo(new MatchJudge.Verdict.Picked(Questions.SSO_POST, new MatchJudge.Usage(310, 6)));
    var request = provider.seen.getFirst();
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(request.body().path("model").asString()).isEqualTo("judge-model");
    assertThat(request.body().path("temperature").asInt()).isZero();
    assertThat(request.body().path("messages").path(0).path("content").asString())
        .isEqualTo(JudgePrompt.SYSTEM);
    assertThat(request.body().path("messages").path(1).path("content").asString())
        .isEqualTo(JudgePrompt.user(Questions.ssoItem()));
    var format = request.body().path("response_format");
    assertThat(format.path("type").asString()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
    assertThat(
            format
                .path("json_schema")
                .path("schema")
                .path("properties")
                .path("post")
                .path("enum")
                .toString())
        .isEqualTo("[0,1,2]");
  }

  @Test
  void zeroIsNoneChosen() {
    provider.reply(ProviderStub.Reply.ok(ProviderStub.openAiAnswer("{\"post\": 0}", 300, 5)));

    assertThat(judge(0).judge(Questions.ssoItem()))
        .isEqualTo(new MatchJudge.Verdict.NoneChosen(new MatchJudge.Usage(300, 5)));
  }

  @Test
  void proseOrARefusalIsAnInvalidAnswerWithItsTokensStillCounted() {
    provider.reply(
        ProviderStub.Reply.ok(ProviderStub.openAiAnswer("The first post matches.", 300, 9)),
        ProviderStub.Reply.ok(
            json.writeValueAsString(
                Map.of(
                    "choices",
                    List.of(
                        Map.of(
                            "message",
                            Map.of("role", "assistant", "content", "", "refusal", "I can't."))),
                    "usage",
                    Map.of("prompt_tokens", 300, "completion_tokens", 4)))));

    assertThat(judge(0).judge(Questions.ssoItem()))
        .isEqualTo(
            new MatchJudge.Verdict.Unanswered("invalid_answer", new MatchJudge.Usage(300, 9)));
    assertThat(judge(0).judge(Questions.ssoItem()))
        .isEqualTo(
            new MatchJudge.Verdict.Unanswered("invalid_answer", new MatchJudge.Usage(300, 4)));
    assertThat(provider.seen).hasSize(2);
  }

  @Test
  void aRequestRefusedForWhatItHoldsIsUnanswered() {
    provider.reply(
        ProviderStub.Reply.status(
            400, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"context_length\"}}"));

    assertThat(judge(2).judge(Questions.ssoItem()))
        .isEqualTo(new MatchJudge.Verdict.Unanswered("refused", MatchJudge.Usage.NONE));
    assertThat(provider.seen).hasSize(1);
  }

  @Test
  void anOutageIsRetriedThenThrownSoTheItemWaits() {
    provider.reply(
        ProviderStub.Reply.status(503, "{}"),
        ProviderStub.Reply.ok(ProviderStub.openAiAnswer("{\"post\": 2}", 300, 5)));

    assertThat(judge(1).judge(Questions.ssoItem())).isInstanceOf(MatchJudge.Verdict.Picked.class);

    provider.reply(ProviderStub.Reply.status(503, "{}"), ProviderStub.Reply.status(503, "{}"));
    assertThatThrownBy(() -> judge(1).judge(Questions.ssoItem()))
        .isInstanceOf(ProviderHttp.ModelUnavailable.class)
        .extracting(e -> ((ProviderHttp.ModelUnavailable) e).outage())
        .isEqualTo(ProviderHttp.Outage.PROVIDER_FAILED);
  }

  @Test
  void noAnswerInTimeIsAnOutage() {
    provider.reply(ProviderStub.Reply.hanging());

    assertThatThrownBy(() -> judge(0).judge(Questions.ssoItem()))
        .isInstanceOf(ProviderHttp.ModelUnavailable.class)
        .extracting(e -> ((ProviderHttp.ModelUnavailable) e).outage())
        .isEqualTo(ProviderHttp.Outage.NO_ANSWER);
  }
}

package dev.earshot.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmEndpointTest {

  /** An endpoint whose {@code reasoning} is read as the services' records read theirs. */
  record Endpoint(String baseUrl, String path, String apiKey, String modelName, boolean reasoning)
      implements LlmEndpoint {

    Endpoint(String baseUrl, String path, String apiKey, String modelName) {
      this(baseUrl, path, apiKey, modelName, false);
    }

    @Override
    public String authHeader() {
      return "";
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(20);
    }

    @Override
    public int maxRetries() {
      return 2;
    }

    @Override
    public int maxOutputTokens() {
      return 50;
    }

    @Override
    public BigDecimal inputPricePerMillion() {
      return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal outputPricePerMillion() {
      return BigDecimal.ZERO;
    }
  }

  @Test
  void aDescriptionShowsWhatALogMayAndNeverTheKey() {
    Endpoint endpoint =
        new Endpoint("https://api.example.test", "/v1/chat/completions", "sk-secret-1", "m-1");

    assertThat(LlmEndpoint.describe("Llm", endpoint))
        .isEqualTo(
            "Llm[baseUrl=https://api.example.test, path=/v1/chat/completions, apiKey=***,"
                + " model=m-1, timeout=PT20S, maxRetries=2]")
        .doesNotContain("sk-secret-1");
    assertThat(LlmEndpoint.describe("Answers", "provider=openai", endpoint))
        .startsWith("Answers[provider=openai, baseUrl=https://api.example.test,")
        .doesNotContain("sk-secret-1");
    assertThat(LlmEndpoint.describe("Llm", new Endpoint("http://h", "/p", " ", "m")))
        .contains("apiKey=none");
  }

  @Test
  void settingsNameTheFirstMissingProperty() {
    Endpoint noModel = new Endpoint("https://api.example.test/", "/v1/messages", "k", " ");

    assertThatThrownBy(() -> noModel.settings("earshot.dedup.judge.anthropic", "name"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("earshot.dedup.judge.anthropic.name must be set");
  }

  @Test
  void aReasoningModelIsPassedOnToTheTransportsSettings() {
    Endpoint plain = new Endpoint("https://api.example.test", "/v1/chat/completions", "k", "m");
    assertThat(plain.settings("earshot.x.openai", "name").reasoning()).isFalse();

    Endpoint reasoning =
        new Endpoint("https://api.example.test", "/v1/chat/completions", "k", "o3", true);
    assertThat(reasoning.settings("earshot.x.openai", "name").reasoning()).isTrue();
  }
}

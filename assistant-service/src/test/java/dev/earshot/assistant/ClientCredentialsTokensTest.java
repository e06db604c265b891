package dev.earshot.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.assistant.ingest.ClientCredentialsTokens;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service tokens from a token endpoint by the client-credentials grant, asked once and kept. */
class ClientCredentialsTokensTest {

  private final List<String> forms = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aTokenIsAskedWithTheClientsCredentialsAndKeptUntilItExpires() throws Exception {
    start(
        200,
        "{\"access_token\":\"service-token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    ClientCredentialsTokens tokens = tokens();

    assertThat(tokens.token()).isEqualTo("service-token-1");
    assertThat(tokens.token()).isEqualTo("service-token-1");

    assertThat(forms).hasSize(1);
    assertThat(forms.getFirst())
        .contains("grant_type=client_credentials")
        .contains("scope=ingest.read");
    assertThat(authorizations.getFirst()).startsWith("Basic ");
  }

  @Test
  void aRefusalIsAnExceptionSayingWhy() throws Exception {
    start(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}");

    assertThatThrownBy(() -> tokens().token()).hasMessageContaining("401");
  }

  private ClientCredentialsTokens tokens() {
    AssistantProperties.Ingest ingest =
        new AssistantProperties.Ingest(
            true,
            URI.create("http://localhost:1"),
            Duration.ofSeconds(2),
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token"),
            "assistant-service",
            "s3cret",
            "ingest.read",
            "earshot-ingest-internal");
    return new ClientCredentialsTokens(
        AssistantConfiguration.clientCredentials(ingest), ingest.clientId());
  }

  private void start(int status, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/token",
        exchange -> {
          forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (var out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }
}

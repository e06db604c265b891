package dev.earshot.ingest.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers rules with the Gong simulator's {@code POST /admin/webhook-rules}, its stand-in for
 * Gong's rule editor, and reads the JWT public key from {@code GET
 * /admin/webhook-rules/public-key}. Only meaningful against the simulator (local profile, tests).
 */
@Component
class SimulatorRuleRegistrar implements WebhookRegistrar {

  private static final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public Registration register(String gongBaseUrl, String webhookUrl, WebhookAuth auth) {
    try {
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(gongBaseUrl + "/admin/webhook-rules"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          json.writeValueAsString(
                              Map.of("url", webhookUrl, "auth", auth.apiName()))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        throw new RegistrationFailed(
            "Gong refused the webhook rule (HTTP " + created.statusCode() + ")", null);
      }
      String ruleId = json.readTree(created.body()).path("id").asString(null);
      String publicKey = auth == WebhookAuth.JWT ? publicKey(gongBaseUrl) : null;
      return new Registration(ruleId, publicKey, true);
    } catch (IOException | JacksonException e) {
      throw new RegistrationFailed("Gong could not be reached to register the webhook rule", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistrationFailed("interrupted while registering the webhook rule", e);
    }
  }

  private String publicKey(String gongBaseUrl) throws IOException, InterruptedException {
    HttpResponse<String> key =
        http.send(
            HttpRequest.newBuilder(URI.create(gongBaseUrl + "/admin/webhook-rules/public-key"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (key.statusCode() != 200) {
      throw new RegistrationFailed(
          "Gong did not give the webhook signing key (HTTP " + key.statusCode() + ")", null);
    }
    return key.body();
  }
}

package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.OAuthClient;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.GongOAuth;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.url.BaseUrlGuard;
import dev.earshot.gong.url.GongBaseUrl;
import dev.earshot.ingest.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds Gong clients for connections: the guard, the shared limiter and metrics in one place. */
@Component
class GongConnections {

  private final BaseUrlGuard guard;
  private final GongRateLimiter limiter;
  private final MeterRegistry meters;
  private final IngestProperties properties;

  /**
   * One HTTP client for every connection's sessions: connections stay warm (a cold first request
   * can land late enough to crowd Gong's one-second window) and no selector thread per session.
   */
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  GongConnections(IngestProperties properties, GongRateLimiter limiter, MeterRegistry meters) {
    this.properties = properties;
    this.guard =
        properties.allowedLocalGongOrigins().isEmpty()
            ? BaseUrlGuard.gongOnly()
            : BaseUrlGuard.allowingLocal(properties.allowedLocalGongOrigins());
    this.limiter = limiter;
    this.meters = meters;
  }

  /**
   * @throws dev.earshot.gong.url.BaseUrlRefused when the URL fails the guard
   */
  GongBaseUrl checked(String baseUrl) {
    return guard.check(baseUrl);
  }

  GongClient client(UUID connectionId, String baseUrl, GongSecrets secrets) {
    return GongClient.builder()
        .baseUrl(checked(baseUrl))
        .credentials(secrets.credentials())
        .connectionKey(connectionId.toString())
        .rateLimiter(limiter)
        .meterRegistry(meters)
        .httpClient(http)
        .build();
  }

  GongOAuth oauth(String clientId, String clientSecret) {
    IngestProperties.OAuth oauth = properties.oauth();
    return new GongOAuth(
        new OAuthClient(clientId, clientSecret, oauth.authorizeUrl(), oauth.tokenUrl()));
  }
}

package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.OAuthClient;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.GongOAuth;
import dev.earshot.gong.client.RetrySettings;
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
public class GongConnections {

  /**
   * How long a background client waits on Gong's {@code Retry-After} before handing it back (the
   * client's default): a longer one pauses the connection ({@link Refusal.Paused}).
   */
  static final java.time.Duration LONGEST_CLIENT_WAIT = RetrySettings.defaults().maxRetryAfter();

  /**
   * Checks an admin waits for (connecting, editing, health checks): one retry, a {@code
   * Retry-After} waited for at most 10 s, 20 s per answer, so the request ends in well under a
   * minute instead of the background clients' several (5 retries, 2-minute waits).
   */
  public static final RetrySettings INTERACTIVE =
      new RetrySettings(
          1,
          java.time.Duration.ofMillis(250),
          java.time.Duration.ofSeconds(1),
          0.25,
          java.time.Duration.ofSeconds(10),
          java.time.Duration.ofSeconds(20));

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
  public GongBaseUrl checked(String baseUrl) {
    return guard.check(baseUrl);
  }

  /** A client for the background loops (the client's default retries). */
  GongClient client(UUID connectionId, String baseUrl, GongSecrets secrets) {
    return builder(connectionId, baseUrl, secrets).build();
  }

  /** A client for a check an admin waits for ({@link #INTERACTIVE} retries). */
  GongClient interactiveClient(UUID connectionId, String baseUrl, GongSecrets secrets) {
    return builder(connectionId, baseUrl, secrets).retry(INTERACTIVE).build();
  }

  private GongClient.Builder builder(UUID connectionId, String baseUrl, GongSecrets secrets) {
    return GongClient.builder()
        .baseUrl(checked(baseUrl))
        .credentials(secrets.credentials())
        .connectionKey(connectionId.toString())
        .rateLimiter(limiter)
        .meterRegistry(meters)
        .httpClient(http);
  }

  public GongOAuth oauth(String clientId, String clientSecret) {
    IngestProperties.OAuth oauth = properties.oauth();
    return new GongOAuth(
        new OAuthClient(clientId, clientSecret, oauth.authorizeUrl(), oauth.tokenUrl()));
  }
}

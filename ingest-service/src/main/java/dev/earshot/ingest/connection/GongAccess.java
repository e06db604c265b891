package dev.earshot.ingest.connection;

import dev.earshot.gong.api.CallsFilter;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveRequest;
import dev.earshot.gong.api.TranscriptRequest;
import dev.earshot.gong.api.UsersPage;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.client.GongClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What Gong lets credentials do, checked while an admin waits (connecting, editing, health checks):
 * the first page of {@code GET /v2/users} (one request; Gong's {@code totalRecords} counts the
 * users) and, when a scope was missing, one empty-window request to each call endpoint, so a
 * missing scope is cleared only once Gong accepts the endpoints that need it.
 */
@Component
public class GongAccess {

  /** The outcome of a check. */
  public sealed interface Checked {}

  /** Gong answered every request; {@code users} is how many users the workspace has. */
  public record Granted(int users) implements Checked {}

  /** Gong failed a request; {@link Refusal#of} says whether it was a refusal. */
  public record Failed(GongApiException failure) implements Checked {}

  private static final Duration PROBE_WINDOW = Duration.ofMinutes(1);

  private final GongConnections gong;
  private final Clock clock;

  GongAccess(GongConnections gong, Clock clock) {
    this.gong = gong;
    this.clock = clock;
  }

  /**
   * @param probeCallScopes also call {@code calls}, {@code calls/extensive} and {@code
   *     calls/transcript} (three more requests), as when the connection lacked a scope
   * @throws dev.earshot.gong.url.BaseUrlRefused when {@code baseUrl} fails the guard
   * @throws dev.earshot.gong.limit.GongRateLimiter.QuotaExhausted when no permit comes in time
   */
  public Checked check(UUID id, String baseUrl, GongSecrets secrets, boolean probeCallScopes) {
    GongClient client = gong.interactiveClient(id, baseUrl, secrets);
    try {
      UsersPage users = client.users(null);
      if (probeCallScopes) {
        Instant to = clock.instant();
        CallsFilter window = CallsFilter.between(to.minus(PROBE_WINDOW), to);
        client.calls(window.fromDateTime(), window.toDateTime(), null);
        client.extensive(
            new ExtensiveRequest(window, ContentSelector.everythingEarshotUses(), null));
        client.transcripts(new TranscriptRequest(window, null));
      }
      return new Granted(
          users.records() == null
              ? users.users().size()
              : (int) Math.min(Integer.MAX_VALUE, users.records().totalRecords()));
    } catch (GongApiException failure) {
      return new Failed(failure);
    }
  }
}

package dev.earshot.ingest.connection;

import dev.earshot.kit.security.CurrentOrg;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The connections API. Admins connect, edit and disconnect; members read. */
@RestController
@RequestMapping("/api/v1/connections")
class ConnectionController {

  record ApiKeyBody(
      @NotBlank String baseUrl,
      @NotBlank String accessKey,
      @NotBlank String secret,
      Integer backfillDays) {
    @Override
    public String toString() {
      return "ApiKeyBody[baseUrl=" + baseUrl + ", credentials=<redacted>]";
    }
  }

  record EditBody(String baseUrl, String accessKey, String secret) {
    @Override
    public String toString() {
      return "EditBody[baseUrl=" + baseUrl + ", credentials=<redacted>]";
    }
  }

  record Credentials(String key, String secret) {
    @Override
    public String toString() {
      return "Credentials[<redacted>]";
    }
  }

  /**
   * What anyone in the org may see of the connection.
   *
   * @param status {@code connected}, {@code insufficient_scope}, {@code unauthorized}, {@code
   *     forbidden}, {@code webhook_subscription_failed}
   * @param statusReason why, when not connected: Gong's message and what to fix
   * @param pausedUntil nothing calls Gong through the connection before this instant (null when it
   *     is not paused now)
   * @param pauseReason why it is paused, e.g. {@code rate limited by Gong until <instant>}
   */
  record ConnectionView(
      UUID id,
      String status,
      String statusReason,
      String authKind,
      String workspace,
      Credentials credentials,
      Set<String> scopes,
      Instant tokenExpiresAt,
      HealthCheck lastHealthCheck,
      Instant createdAt,
      Instant updatedAt,
      Instant pausedUntil,
      String pauseReason) {

    static ConnectionView of(WorkspaceConnection c, Instant now) {
      boolean paused = c.pausedAt(now);
      return new ConnectionView(
          c.id(),
          c.status().apiName(),
          c.statusReason(),
          c.authKind().name().toLowerCase(java.util.Locale.ROOT),
          c.baseUrl(),
          new Credentials(c.maskedKey(), c.maskedSecret()),
          new TreeSet<>(c.scopes()),
          c.tokenExpiresAt(),
          c.lastHealth(),
          c.createdAt(),
          c.updatedAt(),
          paused ? c.pausedUntil() : null,
          paused ? c.pauseReason() : null);
    }
  }

  record Connected(ConnectionView connection, String webhookUrl) {}

  private final ConnectingWithApiKey connectingWithApiKey;
  private final ReadingConnection reading;
  private final EditingConnection editing;
  private final CheckingHealth checkingHealth;
  private final Disconnecting disconnecting;
  private final Clock clock;

  ConnectionController(
      ConnectingWithApiKey connectingWithApiKey,
      ReadingConnection reading,
      EditingConnection editing,
      CheckingHealth checkingHealth,
      Disconnecting disconnecting,
      Clock clock) {
    this.connectingWithApiKey = connectingWithApiKey;
    this.reading = reading;
    this.editing = editing;
    this.checkingHealth = checkingHealth;
    this.disconnecting = disconnecting;
    this.clock = clock;
  }

  @PostMapping("/api-key")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<Connected> connectWithApiKey(
      @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ApiKeyBody body) {
    var result =
        connectingWithApiKey.connect(
            CurrentOrg.of(jwt).orgId(),
            new ConnectingWithApiKey.Request(
                body.baseUrl(), body.accessKey(), body.secret(), body.backfillDays()));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new Connected(
                ConnectionView.of(result.connection(), clock.instant()), result.webhookUrl()));
  }

  @GetMapping("/current")
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  ConnectionView current(@AuthenticationPrincipal Jwt jwt) {
    return ConnectionView.of(reading.current(CurrentOrg.of(jwt).orgId()), clock.instant());
  }

  @PatchMapping("/current")
  @PreAuthorize("hasRole('ADMIN')")
  ConnectionView edit(@AuthenticationPrincipal Jwt jwt, @RequestBody EditBody body) {
    return ConnectionView.of(
        editing.edit(
            CurrentOrg.of(jwt).orgId(),
            new EditingConnection.Changes(body.baseUrl(), body.accessKey(), body.secret())),
        clock.instant());
  }

  /** Admins only: each check spends the org's Gong quota (review m8); members read the last one. */
  @PostMapping("/current/health")
  @PreAuthorize("hasRole('ADMIN')")
  ConnectionView health(@AuthenticationPrincipal Jwt jwt) {
    return ConnectionView.of(checkingHealth.check(CurrentOrg.of(jwt).orgId()), clock.instant());
  }

  @DeleteMapping("/current")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<Map<String, String>> disconnect(@AuthenticationPrincipal Jwt jwt) {
    disconnecting.disconnect(CurrentOrg.of(jwt).orgId());
    return ResponseEntity.noContent().build();
  }
}

package dev.earshot.ingest.webhook;

import dev.earshot.gong.webhook.WebhookPublicKey;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.ConnectionMade;
import dev.earshot.ingest.connection.EditingWebhookEndpoints;
import dev.earshot.ingest.connection.WorkspaceConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Subscribes a connection to Gong's "call analysed" webhooks: the registrar makes the rule with a
 * fresh URL, then its key (and, for signed-JWT rules, Gong's public key) goes to webhook-gateway
 * through gong.connections.v1. A registrar failure changes neither, so the URL the connection had
 * keeps working; it sets the connection to {@code webhook_subscription_failed} with the reason.
 * Subscribing again is the way to recover.
 */
@Service
public class SubscribingWebhooks {

  private static final Logger log = LoggerFactory.getLogger(SubscribingWebhooks.class);

  /** The subscription and, shown once, the URL Gong's rule must call. */
  public record Subscribed(WebhookSubscription subscription, String webhookUrl) {}

  private final EditingWebhookEndpoints endpoints;
  private final WebhookSubscriptions subscriptions;
  private final WebhookRegistrar registrar;
  private final IngestProperties.Webhooks settings;
  private final MeterRegistry meters;
  private final Clock clock;

  SubscribingWebhooks(
      EditingWebhookEndpoints endpoints,
      WebhookSubscriptions subscriptions,
      List<WebhookRegistrar> registrars,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.endpoints = endpoints;
    this.subscriptions = subscriptions;
    this.settings = properties.webhooks();
    Map<String, WebhookRegistrar> byName =
        registrars.stream().collect(Collectors.toMap(WebhookRegistrar::name, Function.identity()));
    this.registrar =
        Optional.ofNullable(byName.get(settings.registrar()))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "earshot.ingest.webhooks.registrar must be one of "
                            + byName.keySet()
                            + ", not "
                            + settings.registrar()));
    this.meters = meters;
    this.clock = clock;
  }

  /** Subscribes (again) the org's connection; {@code publicKeyPem} only for manual JWT rules. */
  public Subscribed subscribe(String orgId, String auth, String publicKeyPem) {
    WebhookAuth mode = WebhookAuth.parse(auth);
    WorkspaceConnection connection = endpoints.usableOf(orgId);
    String provided = providedSigningKey(mode, publicKeyPem);
    return subscribe(connection.id(), mode, provided);
  }

  /** Subscribes right after connecting, when configured to ({@code subscribe-on-connect}). */
  @Async
  @TransactionalEventListener
  void onConnectionMade(ConnectionMade made) {
    if (settings.subscribeOnConnect()) {
      subscribe(made.connectionId(), WebhookAuth.URL_KEY, null);
    }
  }

  public Optional<WebhookSubscription> current(String orgId) {
    return subscriptions.find(endpoints.liveOf(orgId).id());
  }

  private Subscribed subscribe(UUID connectionId, WebhookAuth mode, String providedKey) {
    // nothing is stored before Gong's rule exists: a failed registration leaves the URL (and the
    // rule calling it) that the connection had working
    EditingWebhookEndpoints.Endpoint endpoint = endpoints.issue(connectionId);
    WebhookSubscription subscription;
    try {
      WebhookRegistrar.Registration made =
          registrar.register(endpoint.gongBaseUrl(), endpoint.url(), mode);
      String signingKey = providedKey;
      if (mode == WebhookAuth.JWT && made.publicKeyPem() != null) {
        WebhookPublicKey.parse(made.publicKeyPem());
        signingKey = made.publicKeyPem();
      }
      endpoints.use(endpoint, signingKey);
      subscription =
          subscription(
              connectionId,
              mode,
              made.confirmed()
                  ? WebhookSubscription.Status.ACTIVE
                  : WebhookSubscription.Status.AWAITING_FIRST_DELIVERY,
              null,
              made.ruleId(),
              masked(endpoint.url()));
      endpoints.subscriptionOutcome(connectionId, true, null);
      meters.counter("earshot.ingest.webhooks.subscriptions", "outcome", "ok").increment();
    } catch (WebhookRegistrar.RegistrationFailed | WebhookPublicKey.Invalid failed) {
      String reason = "webhook subscription failed: " + failed.getMessage();
      // the URL that still works is the previous subscription's (or the one shown at connect)
      Optional<WebhookSubscription> previous = subscriptions.find(connectionId);
      subscription =
          subscription(
              connectionId,
              mode,
              WebhookSubscription.Status.FAILED,
              reason,
              previous.map(WebhookSubscription::ruleId).orElse(null),
              previous
                  .map(WebhookSubscription::maskedUrl)
                  .orElseGet(() -> masked(withoutKey(endpoint.url()))));
      endpoints.subscriptionOutcome(connectionId, false, reason);
      meters.counter("earshot.ingest.webhooks.subscriptions", "outcome", "failed").increment();
      log.atWarn()
          .addKeyValue("connectionId", connectionId)
          .addKeyValue("registrar", registrar.name())
          .log(reason + "; the webhook URL the connection had keeps working");
      subscriptions.save(subscription);
      return new Subscribed(subscription, null);
    }
    subscriptions.save(subscription);
    return new Subscribed(subscription, endpoint.url());
  }

  private WebhookSubscription subscription(
      UUID connectionId,
      WebhookAuth mode,
      WebhookSubscription.Status status,
      String reason,
      String ruleId,
      String maskedUrl) {
    return new WebhookSubscription(
        connectionId,
        registrar.name(),
        mode,
        status,
        reason,
        ruleId,
        maskedUrl,
        clock.instant(),
        null,
        0);
  }

  /**
   * The signing key an admin gave: only for JWT rules, always a valid RSA PEM, and required when
   * the rule is made by hand (only a registrar can read Gong's key by itself).
   */
  private String providedSigningKey(WebhookAuth mode, String publicKeyPem) {
    boolean given = publicKeyPem != null && !publicKeyPem.isBlank();
    if (mode != WebhookAuth.JWT) {
      if (given) {
        throw WebhookProblems.invalidPublicKey("a public key is only used with auth jwt");
      }
      return null;
    }
    if (!given) {
      if ("manual".equals(registrar.name())) {
        throw WebhookProblems.publicKeyNeeded();
      }
      return null;
    }
    try {
      WebhookPublicKey.parse(publicKeyPem);
    } catch (WebhookPublicKey.Invalid invalid) {
      throw WebhookProblems.invalidPublicKey(invalid.getMessage());
    }
    return publicKeyPem.strip() + "\n";
  }

  /** The URL with its key left out: all of it masked. */
  static String withoutKey(String url) {
    int key = url.indexOf("key=");
    return key < 0 ? url : url.substring(0, key + 4);
  }

  /** The URL with all but the last four characters of its key replaced. */
  static String masked(String url) {
    int key = url.indexOf("key=");
    if (key < 0) {
      return url;
    }
    String secret = url.substring(key + 4);
    String tail = secret.length() <= 4 ? "" : secret.substring(secret.length() - 4);
    return url.substring(0, key + 4) + "••••••••" + tail;
  }
}

package dev.earshot.ingest.webhook;

/**
 * Creates Gong's automation rule that calls webhook-gateway. Gong documents no public API for
 * rules, so production uses {@link ManualRuleRegistrar} (an admin pastes the URL into Gong); the
 * local stack and tests use {@link SimulatorRuleRegistrar}, the simulator's stand-in for Gong's UI.
 */
interface WebhookRegistrar {

  /** The value of {@code earshot.ingest.webhooks.registrar} that selects it. */
  String name();

  /**
   * @param gongBaseUrl the connection's Gong API base URL
   * @param webhookUrl the URL (with its key) the rule must call
   * @throws RegistrationFailed when the rule could not be made; the message is shown to admins
   */
  Registration register(String gongBaseUrl, String webhookUrl, WebhookAuth auth);

  /**
   * @param ruleId the rule's id where the registrar knows it
   * @param publicKeyPem the key Gong will sign JWTs with, where the registrar can read it
   * @param confirmed whether the rule exists now (false: waiting for an admin)
   */
  record Registration(String ruleId, String publicKeyPem, boolean confirmed) {}

  /** The rule could not be registered. */
  final class RegistrationFailed extends RuntimeException {
    RegistrationFailed(String reason, Throwable cause) {
      super(reason, cause);
    }
  }
}

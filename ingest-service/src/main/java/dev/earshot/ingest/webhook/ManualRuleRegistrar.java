package dev.earshot.ingest.webhook;

import org.springframework.stereotype.Component;

/**
 * Gong's automation rules are made in its UI (Company settings, Automation rules, "Call analysed"
 * trigger, webhook action). Nothing is called here: the subscription waits for the admin to create
 * the rule with the URL Earshot showed, and turns active at the first delivery.
 */
@Component
class ManualRuleRegistrar implements WebhookRegistrar {

  @Override
  public String name() {
    return "manual";
  }

  @Override
  public Registration register(String gongBaseUrl, String webhookUrl, WebhookAuth auth) {
    return new Registration(null, null, false);
  }
}

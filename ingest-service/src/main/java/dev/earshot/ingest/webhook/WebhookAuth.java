package dev.earshot.ingest.webhook;

import java.util.Locale;

/** How Gong authenticates its webhook calls: a key in the URL, or a signed JWT header. */
public enum WebhookAuth {
  URL_KEY,
  JWT;

  /** The name Gong's rule editor (and the simulator) uses: {@code url_key} or {@code jwt}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static WebhookAuth parse(String value) {
    if (value == null || value.isBlank()) {
      return URL_KEY;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "url_key" -> URL_KEY;
      case "jwt" -> JWT;
      default -> throw WebhookProblems.unknownAuth(value);
    };
  }
}

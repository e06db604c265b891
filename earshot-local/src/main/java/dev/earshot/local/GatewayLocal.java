package dev.earshot.local;

import dev.earshot.gateway.GatewayApplication;
import java.util.Map;

/** How webhook-gateway runs in the local stack: Gong (the simulator) calls it on its own port. */
final class GatewayLocal {

  static final Class<?> APP = GatewayApplication.class;
  static final String URL = "webhook_gateway.url";

  private GatewayLocal() {}

  static final String NAME = "webhook_gateway";
  static final String MODULE = "webhook-gateway";

  static Map<String, Object> properties(int port) {
    return Map.of("earshot.gateway.public-base-url", "http://localhost:" + port);
  }
}

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

  /**
   * As its own process, on top of its local profile: actuator on a port of its own ({@code
   * managementPort}), as in production, where the public port serves the webhook endpoint only.
   */
  static Map<String, Object> processSettings(int managementPort) {
    return Map.of("management.server.port", managementPort);
  }
}

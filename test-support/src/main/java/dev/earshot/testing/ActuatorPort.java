package dev.earshot.testing;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a running service serves actuator: on its management port ({@code management.server.port})
 * only, which no Ingress routes, never on its API port, where anyone who reaches the API could
 * otherwise read {@code /actuator/prometheus} (open for Prometheus, and some meters carry org ids
 * as tags) without a token.
 */
public final class ActuatorPort {

  /** The actuator paths a service exposes (service-kit's defaults). */
  public static final List<String> PATHS =
      List.of(
          "/actuator",
          "/actuator/health",
          "/actuator/health/readiness",
          "/actuator/health/liveness",
          "/actuator/info",
          "/actuator/metrics",
          "/actuator/prometheus");

  private ActuatorPort() {}

  /**
   * On {@code apiPort} no actuator path answers anything but a 404 (or a 401 to a caller without a
   * token, where the path is not open), whatever the caller ({@code tokens}: bearer tokens, and no
   * token at all); on {@code managementPort} Prometheus's scrape and the readiness probe answer
   * without a token.
   */
  public static void assertServedOnTheManagementPortOnly(
      int apiPort, int managementPort, String... tokens) throws Exception {
    List<String> callers = new ArrayList<>(Arrays.asList(tokens));
    callers.add(null);
    List<String> served = new ArrayList<>();
    for (String path : PATHS) {
      for (String token : callers) {
        int status = ApiCalls.send(apiPort, "GET", path, token, null, null).statusCode();
        // a caller without a token is refused a path that is not open before it is looked up
        if (status != 404 && !(token == null && status == 401)) {
          served.add(
              "GET "
                  + path
                  + (token == null ? " without a token" : " with a token")
                  + ": "
                  + status);
        }
      }
    }
    if (!served.isEmpty()) {
      throw new AssertionError("actuator answers on the API port " + apiPort + ": " + served);
    }
    if (managementPort <= 0 || managementPort == apiPort) {
      throw new AssertionError(
          "actuator has no port of its own: management port "
              + managementPort
              + ", API "
              + apiPort);
    }
    expect(managementPort, "/actuator/prometheus", "jvm_");
    expect(managementPort, "/actuator/health/readiness", "UP");
  }

  private static void expect(int port, String path, String content) throws Exception {
    HttpResponse<String> answer = ApiCalls.send(port, "GET", path, null, null, null);
    if (answer.statusCode() != 200 || !answer.body().contains(content)) {
      throw new AssertionError(
          "GET "
              + path
              + " without a token on the management port "
              + port
              + " answered "
              + answer.statusCode()
              + ", not 200 with "
              + content);
    }
  }
}

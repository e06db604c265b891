package dev.earshot.gong.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.gong.api.CallMetadata;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.url.BaseUrlGuard;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review m11: no Gong document says {@code GET /v2/calls} pages in ascending start order, so a
 * listing whose cursor expires restarts from its own lower bound, not from the latest start seen.
 */
class CursorRestartTest {

  static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");
  static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

  /** Newest first, two per page: a paging order Earshot must not depend on. */
  static final List<String[]> CALLS =
      List.of(
          new String[] {"3", "2026-11-30T12:00:00Z"},
          new String[] {"2", "2026-11-30T11:00:00Z"},
          new String[] {"1", "2026-11-30T10:00:00Z"});

  private final AtomicBoolean expired = new AtomicBoolean();
  private final HttpServer server = listing();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aCursorThatExpiresRestartsFromTheWindowStartWhateverOrderGongPagesIn() {
    List<CallMetadata> calls = client().allCalls(FROM, TO);

    assertThat(expired).isTrue();
    assertThat(calls).extracting(CallMetadata::id).containsExactlyInAnyOrder("1", "2", "3");
  }

  private HttpServer listing() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext(
          "/v2/calls",
          exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Instant from = Instant.parse(query.get("fromDateTime"));
            List<String[]> listed =
                CALLS.stream().filter(c -> !Instant.parse(c[1]).isBefore(from)).toList();
            String cursor = query.get("cursor");
            int status = 200;
            String body;
            if ("page2".equals(cursor) && expired.compareAndSet(false, true)) {
              status = 400;
              body = "{\"requestId\":\"r\",\"errors\":[\"cursor has expired\"]}";
            } else {
              int offset = "page2".equals(cursor) ? 2 : 0;
              List<String[]> page = listed.subList(offset, Math.min(listed.size(), offset + 2));
              StringBuilder calls = new StringBuilder();
              for (String[] call : page) {
                calls
                    .append(calls.isEmpty() ? "" : ",")
                    .append("{\"id\":\"")
                    .append(call[0])
                    .append("\",\"started\":\"")
                    .append(call[1])
                    .append("\",\"isPrivate\":false}");
              }
              String next = offset + 2 < listed.size() ? ",\"cursor\":\"page2\"" : "";
              body =
                  "{\"requestId\":\"r\",\"records\":{\"totalRecords\":"
                      + listed.size()
                      + ",\"currentPageSize\":"
                      + page.size()
                      + ",\"currentPageNumber\":"
                      + offset / 2
                      + next
                      + "},\"calls\":["
                      + calls
                      + "]}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
          });
      http.start();
      return http;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private GongClient client() {
    String base = "http://localhost:" + server.getAddress().getPort();
    GongRateLimiter unlimited = key -> Duration.ZERO;
    return GongClient.builder()
        .baseUrl(BaseUrlGuard.allowingLocal(Set.of(base)).check(base))
        .credentials(new GongCredentials.AccessKey("key", "secret"))
        .rateLimiter(unlimited)
        .build();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}

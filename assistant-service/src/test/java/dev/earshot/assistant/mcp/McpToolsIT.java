package dev.earshot.assistant.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.assistant.call.Calls;
import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.EmbeddedDatabase;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The MCP server through the official MCP Java SDK's client on Streamable HTTP: every registered
 * tool listed and called, none of them a write, each answering only within the org of the bearer
 * token.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, "gong.calls.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class McpToolsIT {

  /** Verbs that change something: no tool's name may hold one as a word. */
  static final Pattern WRITE =
      Pattern.compile(
          "(^|_)(create|update|delete|remove|send|refund|post|put|patch|write|set|add|edit|accept"
              + "|dismiss|split|upload|assign|erase)(_|$)");

  @AutoClose static final EmbeddedDatabase postgres = EmbeddedDatabase.start("assistant");
  static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl("assistant"));
    registry.add("spring.datasource.username", () -> "postgres");
  }

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired JdbcClient jdbc;

  @Test
  void everyToolIsListedReadOnlyAndAnswersWithinTheCallersOrg() {
    send(Calls.call("org-mcp-a", "a-1", "Acme renewal", TODAY.minus(Duration.ofDays(2))).build());
    send(Calls.call("org-mcp-b", "b-1", "Acme at org B", TODAY.minus(Duration.ofDays(1))).build());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from held_call where call_id in ('a-1', 'b-1')")
                        .query(Long.class)
                        .single()
                    == 2);

    try (McpSyncClient orgA = client(token("org-mcp-a"));
        McpSyncClient orgB = client(token("org-mcp-b"))) {
      List<McpSchema.Tool> tools = orgA.listTools().tools();

      assertThat(tools)
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("search_calls", "get_call_summary");
      for (McpSchema.Tool tool : tools) {
        assertThat(WRITE.matcher(tool.name()).find()).as(tool.name()).isFalse();
        assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isTrue();
        assertThat(tool.annotations().destructiveHint()).as(tool.name()).isFalse();
      }

      String foundByA = text(orgA.callTool(call("search_calls", Map.of("query", "acme"))));
      String foundByB = text(orgB.callTool(call("search_calls", Map.of("query", "acme"))));
      McpSchema.CallToolResult summary =
          orgA.callTool(call("get_call_summary", Map.of("callId", "a-1")));
      McpSchema.CallToolResult acrossOrgs =
          orgB.callTool(call("get_call_summary", Map.of("callId", "a-1")));

      assertThat(foundByA).contains("\"a-1\"").doesNotContain("\"b-1\"");
      assertThat(foundByB).contains("\"b-1\"").doesNotContain("\"a-1\"");
      assertThat(summary.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(text(summary)).contains("single sign-on", "Send the SSO roadmap");
      assertThat(acrossOrgs.isError()).isTrue();
      assertThat(text(acrossOrgs)).doesNotContain("single sign-on");
    }
  }

  @Test
  void withoutATokenTheMcpEndpointIs401() throws Exception {
    String initialize =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(initialize))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(401);
  }

  private McpSyncClient client(String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder().header("Authorization", "Bearer " + token);
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                    .endpoint("/mcp")
                    .requestBuilder(request)
                    .build())
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    client.initialize();
    return client;
  }

  private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
    return new McpSchema.CallToolRequest(tool, arguments);
  }

  private static String text(McpSchema.CallToolResult result) {
    StringBuilder text = new StringBuilder();
    for (McpSchema.Content content : result.content()) {
      if (content instanceof McpSchema.TextContent t) {
        text.append(t.text());
      }
    }
    return text.toString();
  }

  private String token(String org) {
    return tokens.issue(org, "member", "m@" + org, Duration.ofMinutes(10));
  }

  private void send(Call call) {
    kafka.send(Topics.CALLS, call.getCallId(), call).join();
  }
}

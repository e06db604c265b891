package dev.earshot.assistant.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.earshot.assistant.AssistantTestSupport;
import dev.earshot.assistant.board.Posts;
import dev.earshot.assistant.call.Calls;
import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import dev.earshot.testing.sweep.MalformedRequestSweep;
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
      "earshot.security.local-issuer=true",
      "management.server.port=-1"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, Topics.POSTS, "gong.calls.v1.dlt", "feedback.posts.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class McpToolsIT {

  /** Words of writing: no tool's name may hold one (as a word between underscores). */
  static final Pattern WRITE =
      Pattern.compile(
          "(^|_)(create|update|delete|remove|send|refund|merge|post|put|patch|write|set|add|edit"
              + "|accept|dismiss|split|upload|assign|erase|insert|cancel)(_|$)");

  @AutoClose static final EmbeddedDatabase postgres = AssistantTestSupport.postgres();

  /** dedup-service's suggestions API as a stand-in: answers each caller's token its own page. */
  static final java.util.Map<String, String> suggestionPages =
      new java.util.concurrent.ConcurrentHashMap<>();

  static final com.sun.net.httpserver.HttpServer dedup = dedupStub();

  static com.sun.net.httpserver.HttpServer dedupStub() {
    try {
      var server =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/api/v1/posts/suggestions",
          exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String page =
                auth == null ? null : suggestionPages.get(auth.substring("Bearer ".length()));
            byte[] body =
                (page == null ? "{}" : page).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(page == null ? 401 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @org.junit.jupiter.api.AfterAll
  static void stopDedup() {
    dedup.stop(0);
  }

  static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    AssistantTestSupport.register(registry, postgres);
    registry.add(
        "earshot.assistant.dedup-url", () -> "http://127.0.0.1:" + dedup.getAddress().getPort());
  }

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired JdbcClient jdbc;

  @Test
  void everyToolIsListedReadOnlyAndAnswersWithinTheCallersOrg() {
    send(Calls.call("org-mcp-a", "a-1", "Acme renewal", TODAY.minus(Duration.ofDays(2))).build());
    send(Calls.call("org-mcp-b", "b-1", "Acme at org B", TODAY.minus(Duration.ofDays(1))).build());
    sendPost(
        Posts.event(
                "org-mcp-a",
                "post-a",
                "Okta single sign-on",
                3,
                "50000.00",
                "a-1",
                "We need Okta SSO before we roll out.",
                TODAY)
            .build());
    sendPost(
        Posts.event("org-mcp-a", "post-a2", "Audit log export", 1, "900000.00", null, null, TODAY)
            .build());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from held_call where call_id in ('a-1', 'b-1')")
                            .query(Long.class)
                            .single()
                        == 2
                    && jdbc.sql("select count(*) from board_post where org_id = 'org-mcp-a'")
                            .query(Long.class)
                            .single()
                        == 2);
    String tokenA = token("org-mcp-a");
    String tokenB = token("org-mcp-b");
    suggestionPages.put(
        tokenA,
        "{\"items\":[{\"id\":\"s-a\",\"score\":0.41,\"post\":{\"title\":\"SSO with Okta\"}}],"
            + "\"page\":0,\"size\":20,\"total\":1}");
    suggestionPages.put(tokenB, "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}");

    try (McpSyncClient orgA = client(tokenA);
        McpSyncClient orgB = client(tokenB)) {
      List<McpSchema.Tool> tools = orgA.listTools().tools();

      assertThat(tools)
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder(
              "search_calls",
              "get_call_summary",
              "ask_about_customer",
              "list_top_feedback",
              "get_feedback",
              "list_duplicate_suggestions");
      for (McpSchema.Tool tool : tools) {
        assertThat(WRITE.matcher(tool.name()).find()).as(tool.name()).isFalse();
        assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isTrue();
        assertThat(tool.annotations().destructiveHint()).as(tool.name()).isFalse();
      }

      // every tool, called as org A, answers from org A's data
      Map<String, Map<String, Object>> calls =
          Map.of(
              "search_calls", Map.of("query", "acme"),
              "get_call_summary", Map.of("callId", "a-1"),
              "ask_about_customer", Map.of("customer", "acme", "question", "SSO?"),
              "list_top_feedback", Map.of("by", "deal_amount"),
              "get_feedback", Map.of("postId", "post-a"),
              "list_duplicate_suggestions", Map.of());
      assertThat(calls.keySet())
          .containsExactlyInAnyOrderElementsOf(tools.stream().map(McpSchema.Tool::name).toList());
      Map<String, String> asA = new java.util.HashMap<>();
      Map<String, McpSchema.CallToolResult> asB = new java.util.HashMap<>();
      calls.forEach(
          (tool, arguments) -> {
            McpSchema.CallToolResult result = orgA.callTool(call(tool, arguments));
            assertThat(result.isError()).as(tool + ": " + text(result)).isNotEqualTo(Boolean.TRUE);
            asA.put(tool, text(result));
            asB.put(tool, orgB.callTool(call(tool, arguments)));
          });

      assertThat(asA.get("search_calls")).contains("\"a-1\"").doesNotContain("\"b-1\"");
      assertThat(asA.get("get_call_summary")).contains("single sign-on", "Send the SSO roadmap");
      assertThat(asA.get("ask_about_customer")).contains("\"a-1\"", "[1]");
      assertThat(asA.get("list_top_feedback"))
          .containsSubsequence("Audit log export", "Okta single sign-on");
      assertThat(asA.get("get_feedback")).contains("We need Okta SSO", "\"a-1\"");
      assertThat(asA.get("list_duplicate_suggestions")).contains("s-a");

      // and as org B, nothing of org A's
      assertThat(text(asB.get("search_calls"))).contains("\"b-1\"").doesNotContain("\"a-1\"");
      assertThat(asB.get("get_call_summary").isError()).isTrue();
      assertThat(text(asB.get("get_call_summary"))).doesNotContain("single sign-on");
      assertThat(text(asB.get("ask_about_customer"))).contains("\"b-1\"").doesNotContain("a-1");
      assertThat(text(asB.get("list_top_feedback"))).doesNotContain("post-a");
      assertThat(asB.get("get_feedback").isError()).isTrue();
      assertThat(text(asB.get("get_feedback"))).doesNotContain("We need Okta SSO");
      assertThat(text(asB.get("list_duplicate_suggestions"))).doesNotContain("s-a");

      // a date out of range is a tool error saying why, not a server error
      McpSchema.CallToolResult farYear =
          orgA.callTool(call("search_calls", Map.of("from", "+300000-01-01")));
      assertThat(farYear.isError()).isTrue();
      assertThat(text(farYear)).contains("from must be between 1970-01-01 and 9999-12-31");
    }
  }

  @Test
  void malformedJsonRpcIsAnErrorOrA4xxNeverA5xx() throws Exception {
    // given a member's MCP session (initialized, as a client opens one)
    String member = TestTokens.member(tokens::issue, "org-mcp-sweep");
    java.net.http.HttpResponse<String> opened = initialize(member);
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
    String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    // when /mcp gets the sweep's malformed requests in that session: a tool call whose every
    // field at any depth (jsonrpc, id, method, the tool's name and arguments) is swept, broken
    // JSON, wrong headers (a session that does not exist, a protocol version, Last-Event-ID)
    MalformedRequestSweep.Result result =
        MalformedRequestSweep.of(port)
            .route("POST", "/mcp")
            .header("Accept", "application/json, text/event-stream")
            .header("Mcp-Session-Id", session)
            .body(
                "/mcp",
                Map.of(
                    "jsonrpc",
                    "2.0",
                    "id",
                    7,
                    "method",
                    "tools/call",
                    "params",
                    Map.of(
                        "name",
                        "search_calls",
                        "arguments",
                        Map.of("query", "acme", "from", "2026-01-01", "limit", 5))))
            .jsonRpc()
            .caller("member", member)
            .caller("anonymous", null)
            .run();
    // and GET (a stream) and DELETE (the end of a session) in a session that has ended
    String ended = initialize(member).headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(
            dev.earshot.testing.sweep.RawHttp.send(
                    port,
                    "DELETE",
                    "/mcp",
                    Map.of("Authorization", "Bearer " + member, "Mcp-Session-Id", ended),
                    null)
                .status())
        .isEqualTo(200);
    MalformedRequestSweep.Result streams =
        MalformedRequestSweep.of(port)
            .route("GET", "/mcp")
            .route("DELETE", "/mcp")
            .header("Accept", "text/event-stream")
            .header("Mcp-Session-Id", ended)
            .jsonRpc()
            .caller("member", member)
            .caller("anonymous", null)
            .run();
    // then none is a 5xx, and every 4xx is a problem or a JSON-RPC error saying why
    System.out.println("McpToolsIT sweep: " + result);
    System.out.println("McpToolsIT stream sweep: " + streams);
    result.assertNoServerErrorsAndEvery4xxIsAProblem();
    streams.assertNoServerErrorsAndEvery4xxIsAProblem();
  }

  @Test
  void everyRequestIsAnsweredAndItsStreamEndsAnUnknownMethodToo() throws Exception {
    // given a member's MCP session
    String member = TestTokens.member(tokens::issue, "org-mcp-methods");
    String session = initialize(member).headers().firstValue("Mcp-Session-Id").orElseThrow();
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int id = 100;
    // when each request an MCP server takes, and a method no server has, is sent
    for (String method :
        List.of(
            "ping",
            "tools/list",
            "resources/list",
            "resources/templates/list",
            "prompts/list",
            "logging/setLevel",
            "completion/complete",
            "resources/subscribe",
            "no/such-method")) {
      id++;
      HttpRequest request =
          HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/mcp"))
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .header("Authorization", "Bearer " + member)
              .header("Mcp-Session-Id", session)
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"jsonrpc\":\"2.0\",\"id\":"
                          + id
                          + ",\"method\":\""
                          + method
                          + "\",\"params\":{}}"))
              .build();
      // then its answer (a result or a JSON-RPC error with its id) comes and the response ends,
      // within 5 s (the SDK left the stream of an unknown method's error open)
      java.net.http.HttpResponse<String> answer =
          client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(method).isLessThan(500);
      assertThat(answer.body()).as(method).contains("\"id\":" + id);
    }
  }

  @Test
  void withoutATokenTheMcpEndpointIs401() throws Exception {
    assertThat(initialize(null).statusCode()).isEqualTo(401);
  }

  /** MCP's {@code initialize} as a raw HTTP request, with the bearer token unless it is null. */
  private java.net.http.HttpResponse<String> initialize(String token) throws Exception {
    return initialize(token, "/mcp");
  }

  private java.net.http.HttpResponse<String> initialize(String token, String path)
      throws Exception {
    String initialize =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(initialize));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCallerWithoutRoleAdminOrMemberIsRefused403AsOnTheApi() throws Exception {
    String viewer = tokens.issue("org-roles", "viewer", "viewer@org-roles", Duration.ofMinutes(5));
    String noRole = tokens.issue("org-roles", null, "someone@org-roles", Duration.ofMinutes(5));

    for (String token : List.of(viewer, noRole)) {
      var api = dev.earshot.testing.ApiCalls.get(port, "/api/v1/calls", token);
      var mcp = initialize(token);

      assertThat(api.statusCode()).isEqualTo(403);
      assertThat(mcp.statusCode()).as(mcp.body()).isEqualTo(403);
      assertThat(mcp.body()).contains("role admin or member");
      // the same endpoint spelt otherwise (Spring MVC routes the decoded path) is refused too
      for (String spelt : List.of("/%6Dcp", "/%6d%63%70", "/mcp/")) {
        var other = initialize(token, spelt);
        assertThat(other.statusCode()).as(spelt + ": " + other.body()).isNotEqualTo(200);
        assertThat(other.body()).as(spelt).doesNotContain("serverInfo");
      }
      assertThatThrownBy(() -> client(token)).isInstanceOf(RuntimeException.class);
    }
    try (McpSyncClient member = client(token("org-roles"))) {
      assertThat(member.callTool(call("search_calls", Map.of())).isError()).isNotEqualTo(true);
    }
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
    return TestTokens.member(tokens::issue, org);
  }

  private void sendPost(dev.earshot.events.PostEvent event) {
    kafka.send(Topics.POSTS, event.getPostId(), event).join();
  }

  private void send(Call call) {
    kafka.send(Topics.CALLS, call.getCallId(), call).join();
  }
}

package dev.earshot.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@SpringBootTest(
    classes = KitTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=kit-test",
      "spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,${earshot.test.security-exclusions}"
    })
@ExtendWith(OutputCaptureExtension.class)
class ServiceKitWebTest {

  private static final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnexpectedFailureIsA500ProblemWithAReferenceAndNoStackOrMessage() throws Exception {
    HttpResponse<String> response = get("/boom");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("title").asString()).isEqualTo("Internal error");
    assertThat(body.get("reference").asString()).isNotBlank();
    assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "trace", "at ");
  }

  @Test
  void aQueryStringTheContainerCannotReadIsA400NotA500() throws Exception {
    assertThat(get("/echo?cursor=abc").statusCode()).isEqualTo(200);
    for (String query : List.of("?=x", "?cursor=%ZZ", "?cursor=%")) {
      // sent as is: java.net.URI would refuse the broken escapes itself
      String answer = rawGet("/echo" + query);
      assertThat(answer).as(query).startsWith("HTTP/1.1 400");
      assertThat(answer).as(query).contains("/invalid-query");
    }
  }

  @Test
  void errorCalledDirectlyIsA404ProblemNotA500() throws Exception {
    HttpResponse<String> response = get("/error");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(response.body()).get("title").asString()).isEqualTo("Not Found");
  }

  @Test
  void aRequestTomcatRefusesItselfIsA400ProblemNotAnHtmlPage() throws Exception {
    // '[' is not allowed unencoded in a request target; '%ZZ' in a path is no %-escape
    for (String target : List.of("/echo?x[=1", "/echo/%ZZ")) {
      String answer = rawGet(target);
      assertThat(answer).as(target).startsWith("HTTP/1.1 400");
      assertThat(answer).as(target).contains("Content-Type: application/problem+json");
      JsonNode body = json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(body.get("title").asString()).as(target).isEqualTo("Bad Request");
      assertThat(body.get("detail").asString()).as(target).contains("%-encoded");
    }
  }

  /** The raw HTTP/1.1 answer (status line, headers, body) to a GET of {@code target} as given. */
  private String rawGet(String target) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aTransactionThatLostALockToAConcurrentChangeIsA409ToRetryNotA500() throws Exception {
    HttpResponse<String> response = get("/deadlock");

    assertThat(response.statusCode()).isEqualTo(409);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("type").asString())
        .isEqualTo("https://earshot.dev/problems/concurrent-change");
    assertThat(body.get("detail").asString()).contains("Send the request again");
    assertThat(response.body()).doesNotContain("deadlock detected");
  }

  @Test
  void aValueTheDatabaseRefusesAsDataIsA400NotA500AndOtherDatabaseFailuresStay500()
      throws Exception {
    HttpResponse<String> refused = get("/stored?state=22021");
    HttpResponse<String> taken = get("/stored?state=23505");

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode body = json.readTree(refused.body());
    assertThat(body.get("type").asString()).isEqualTo("https://earshot.dev/problems/invalid-value");
    assertThat(body.get("detail").asString()).contains("documented format");
    assertThat(refused.body()).doesNotContain("0x00", "PreparedStatement");
    assertThat(taken.statusCode()).isEqualTo(500);
    assertThat(json.readTree(taken.body()).get("reference").asString()).isNotBlank();
  }

  @Test
  void anApiProblemKeepsItsStatusTypeAndReason() throws Exception {
    HttpResponse<String> response = get("/missing");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("type").asString()).isEqualTo("https://earshot.dev/problems/no-connection");
    assertThat(body.get("detail").asString()).contains("connect one first");
  }

  @Test
  void invalidFieldsAre400NamingEachField() throws Exception {
    HttpResponse<String> response = post("/backfill", "{\"connection\":\" \",\"days\":61}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("detail").asString()).contains("connection", "days");
    assertThat(body.get("errors")).hasSize(2);
  }

  @Test
  void malformedJsonIsA400() throws Exception {
    HttpResponse<String> response = post("/backfill", "{\"days\":");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("title").asString())
        .isEqualTo("Unreadable request");
  }

  @Test
  void aValueOfTheWrongTypeIsA400NamingTheField() throws Exception {
    HttpResponse<String> response = post("/backfill", "{\"connection\":\"c\",\"days\":\"ten\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("detail").asString()).contains("'days'");
    assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("days");
  }

  @Test
  void anUnknownPathIsA404ProblemNotAnErrorPage() throws Exception {
    HttpResponse<String> response = get("/nope");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void prometheusEndpointTagsEveryMeterWithTheService() throws Exception {
    get("/missing");

    HttpResponse<String> response = get("/actuator/prometheus");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("http_server_requests_seconds_count{")
        .contains("service=\"kit-test\"");
  }

  @Test
  void livenessAndReadinessGroupsAreUp() throws Exception {
    for (String group : new String[] {"liveness", "readiness"}) {
      HttpResponse<String> response = get("/actuator/health/" + group);
      assertThat(response.statusCode()).as(group).isEqualTo(200);
      assertThat(json.readTree(response.body()).get("status").asString()).isEqualTo("UP");
    }
  }

  @Test
  void logsAreJsonLinesWithServiceNameAndKeyValues(CapturedOutput output) {
    LoggerFactory.getLogger("kit-test").atInfo().addKeyValue("callId", "c-42").log("fetched call");

    String line =
        output.getOut().lines().filter(l -> l.contains("fetched call")).findFirst().orElseThrow();
    JsonNode log = json.readTree(line);
    assertThat(log.get("message").asString()).isEqualTo("fetched call");
    assertThat(log.get("callId").asString()).isEqualTo("c-42");
    assertThat(log.path("service").path("name").asString()).isEqualTo("kit-test");
  }
}

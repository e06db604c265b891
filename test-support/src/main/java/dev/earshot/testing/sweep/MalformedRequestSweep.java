package dev.earshot.testing.sweep;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends every endpoint a running service maps a fixed, seeded set of malformed requests and checks
 * the service's rule for bad input: never a 5xx, and every 4xx an RFC 9457 problem with a non-empty
 * {@code title} and {@code detail} (a 401 may instead be the bare bearer challenge of RFC 6750, a
 * {@code WWW-Authenticate: Bearer …} header, as Spring Security's resource server answers it).
 *
 * <p>The endpoints come from the application's {@link RequestMappingHandlerMapping}, so an endpoint
 * added later is swept without editing the test. For each one, from its handler method's
 * parameters: path variables replaced by junk (not a UUID, too long, broken or dangerous %-escapes,
 * {@code ..}); each query parameter, declared or commonly used, given junk (wrong type, empty,
 * repeated, huge or negative numbers, dates out of range or malformed, invalid %-encoding), unknown
 * and nameless parameters; for a method that takes a body: bodies that are not JSON, JSON of the
 * wrong shape (array for object, nulls, a string for a number, deeply nested, missing and extra
 * fields, huge numbers, oversized strings), an empty body, a wrong or missing {@code Content-Type};
 * an unmapped method, an unacceptable {@code Accept}. Requests go over a raw socket ({@link
 * RawHttp}) so that what {@code java.net.URI} refuses still reaches the server.
 *
 * <p>A body's fields are swept at every depth (a nested object's field, a list's element); headers
 * the services or their stack read are sent malformed ({@link #headerJunk}); where the right 4xx is
 * clear (405, 415, 400, 417) another 4xx is a violation, and so is any answer that shows a stack
 * trace. Routes no mapping holds (the actuator's, an MCP server's) are swept with {@link #of(int)}
 * and {@link #route}; {@link #jsonRpc} accepts a JSON-RPC error as a 4xx's body.
 *
 * <p>The first caller gets every request; every other caller (another role's token, no token, a
 * token that is not a JWT) gets each endpoint's plausible request and a seeded sample of the rest.
 *
 * <pre>{@code
 * MalformedRequestSweep.of(port, mapping)
 *     .caller("admin", TestTokens.admin(tokens::issue, "org-sweep"))
 *     .caller("member", TestTokens.member(tokens::issue, "org-sweep"))
 *     .caller("anonymous", null)
 *     .run()
 *     .assertNoServerErrorsAndEvery4xxIsAProblem();
 * }</pre>
 */
public final class MalformedRequestSweep {

  /** The seed unless {@code -Dearshot.sweep.seed=…} says otherwise (a failure message names it). */
  public static final long DEFAULT_SEED = 9457;

  /** {@code -Dearshot.sweep.verbose=true} prints every request's status and answer. */
  static final boolean VERBOSE = Boolean.getBoolean("earshot.sweep.verbose");

  static final String LONG = "a".repeat(300);
  static final String VERY_LONG = "a".repeat(4000);
  static final String OVERSIZED = "x".repeat(200_000);

  /** Values a path variable gets instead of a plausible one, as sent (already %-encoded). */
  static final List<String> PATH_JUNK =
      List.of(
          "not-a-uuid",
          "00000000-0000-0000-0000-00000000000g",
          LONG,
          VERY_LONG,
          "%ZZ",
          "%",
          "%00",
          "%C3%28",
          "..",
          "%2e%2e",
          "%2F",
          "%252F",
          "%3B",
          "-1",
          "99999999999999999999999",
          "%E2%80%AE%F0%9F%92%A9",
          "null",
          "%20");

  /** Values a query parameter gets, as sent. */
  static final List<String> QUERY_JUNK =
      List.of(
          "",
          "abc",
          "-1",
          "0",
          "99999999999999999999999",
          "-2147483649",
          "1e400",
          "NaN",
          "2026-13-45",
          "2026-02-30T25:61:00Z",
          "%2B999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "99999-01-01",
          "%ZZ",
          "%",
          "%C3%28",
          "%00",
          LONG,
          "%27%22%3C%3E");

  /**
   * Parameter names services commonly read, each swept on every endpoint whether declared or not.
   */
  static final List<String> COMMON_NAMES =
      List.of(
          "page",
          "size",
          "limit",
          "cursor",
          "from",
          "to",
          "q",
          "sort",
          "fromDateTime",
          "toDateTime");

  static final List<String> COMMON_JUNK = List.of("-1", "abc", "99999999999999999999999", "%ZZ");

  /** Whole query strings of the wrong shape. */
  static final List<String> QUERY_SHAPES =
      List.of(
          "=x",
          "&&",
          "%ZZ=1",
          "a%20b=1",
          "x[=1",
          "x[]=1",
          "%00=1",
          LONG + "=1",
          ";",
          "a=%",
          "=",
          "?",
          "unknownParameter=1",
          "a=1&a=2&a=3");

  private static final Set<RequestMethod> WITH_BODY =
      EnumSet.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH);

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

  private static final JsonMapper json = JsonMapper.builder().build();

  private final int port;
  private final RequestMappingHandlerMapping mapping;
  private final Map<String, String> callers = new LinkedHashMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();
  private final Map<String, String> pathValues = new LinkedHashMap<>();
  private final Map<String, String> queryValues = new LinkedHashMap<>();
  private final Map<String, Object> bodies = new LinkedHashMap<>();
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, String> sentHeaders = new LinkedHashMap<>();
  private boolean jsonRpc;
  private Predicate<String> swept = pattern -> true;
  private long seed = Long.getLong("earshot.sweep.seed", DEFAULT_SEED);
  private double sampled = 0.1;
  private final Map<String, Long> timings = new java.util.HashMap<>();
  private final Set<String> anyMethod = new java.util.HashSet<>();

  private MalformedRequestSweep(int port, RequestMappingHandlerMapping mapping) {
    this.port = port;
    this.mapping = mapping;
  }

  /** A sweep of the application listening on {@code port} whose routes {@code mapping} holds. */
  public static MalformedRequestSweep of(int port, RequestMappingHandlerMapping mapping) {
    return new MalformedRequestSweep(port, mapping);
  }

  /**
   * A sweep of the routes named with {@link #route} alone: what no {@link
   * RequestMappingHandlerMapping} holds (actuator endpoints, router functions such as an MCP
   * server's).
   */
  public static MalformedRequestSweep of(int port) {
    return new MalformedRequestSweep(port, null);
  }

  /**
   * The actuator endpoints service-kit exposes ({@code health}, {@code info}, {@code metrics},
   * {@code prometheus}) under {@code /actuator}, on the API port or the management port: each route
   * with the query parameters it reads ({@code tag}, {@code includedNames}), a known metric ({@code
   * jvm.memory.used}) and health group ({@code liveness}) as the plausible path values.
   */
  public static MalformedRequestSweep actuator(int port) {
    return of(port)
        .route("GET", "/actuator")
        .route("GET", "/actuator/health")
        .route("GET", "/actuator/health/{group}")
        .route("GET", "/actuator/info")
        .route("GET", "/actuator/metrics")
        .route("GET", "/actuator/metrics/{requiredMetricName}", "tag")
        .route("GET", "/actuator/prometheus", "includedNames")
        .pathVariable("group", "liveness")
        .pathVariable("requiredMetricName", "jvm.memory.used");
  }

  /**
   * A route to sweep besides the mapped ones: its method, its pattern (variables as {@code {name}},
   * swept like a handler's path variables) and the query parameters it reads (swept like declared
   * ones). Its body, if it takes one, is {@link #body(String, Object)}'s.
   */
  public MalformedRequestSweep route(String method, String pattern, String... queryParameters) {
    routes.add(new Route(method, pattern, List.of(queryParameters)));
    return this;
  }

  /**
   * A header every request carries unless a probe changes it (an MCP session id, the {@code Accept}
   * a protocol requires); it is also swept with junk.
   */
  public MalformedRequestSweep header(String name, String value) {
    sentHeaders.put(name, value);
    return this;
  }

  /**
   * The routes speak JSON-RPC 2.0 (an MCP server): a 4xx may be a JSON-RPC error response (an
   * {@code error} with a {@code message}) instead of a problem.
   */
  public MalformedRequestSweep jsonRpc() {
    jsonRpc = true;
    return this;
  }

  /**
   * A caller: its bearer token, or null to send none. The first one gets every request, the others
   * the plausible requests and a seeded sample ({@link #sampled}).
   */
  public MalformedRequestSweep caller(String name, String token) {
    callers.put(name, token);
    return this;
  }

  /**
   * Concrete paths to sweep for a pattern with a wildcard ({@code /api/v1/gong/**}); without them a
   * wildcard is one segment {@code x}.
   */
  public MalformedRequestSweep example(String pattern, String... paths) {
    examples.put(pattern, List.of(paths));
    return this;
  }

  /**
   * The plausible value of every path variable so named (a known connection's id), so that junk
   * elsewhere in a request reaches past the lookup; without it a variable is a seeded UUID.
   */
  public MalformedRequestSweep pathVariable(String name, String value) {
    pathValues.put(name, value);
    return this;
  }

  /**
   * A query parameter every plausible request carries (a key a handler reads itself), and which is
   * swept like a declared one.
   */
  public MalformedRequestSweep queryParameter(String name, String value) {
    queryValues.put(name, value);
    return this;
  }

  /**
   * The plausible body of a pattern whose handler reads its body itself (no {@code @RequestBody}
   * type to build one from), as maps, lists and scalars; its fields are swept like a record's.
   */
  public MalformedRequestSweep body(String pattern, Map<String, Object> plausible) {
    bodies.put(pattern, plausible);
    return this;
  }

  /**
   * The plausible body of a pattern, any JSON value as maps, lists and scalars (a JSON array, a
   * JSON-RPC request); its fields at every depth are swept.
   */
  public MalformedRequestSweep body(String pattern, Object plausible) {
    bodies.put(pattern, plausible);
    return this;
  }

  /** Sweeps only the patterns this accepts (all, unless told). */
  public MalformedRequestSweep only(Predicate<String> patterns) {
    swept = patterns;
    return this;
  }

  public MalformedRequestSweep seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The share of the first caller's requests every other caller also sends (0.1 unless told). */
  public MalformedRequestSweep sampled(double share) {
    this.sampled = share;
    return this;
  }

  /** A route named with {@link #route}. */
  record Route(String method, String pattern, List<String> queryParameters) {}

  /** One mapped endpoint: a pattern and a method, and what its handler method binds. */
  record Endpoint(
      String pattern,
      RequestMethod method,
      List<String> pathVariables,
      Map<String, Class<?>> queryParameters,
      Set<String> requiredQueryParameters,
      Type body) {

    boolean takesBody() {
      return body != null || WITH_BODY.contains(method);
    }

    /**
     * Whether Spring MVC binds the body as JSON (a {@code @RequestBody} of a type other than a
     * string or bytes): then a body of another type is clearly 415, and unreadable JSON 400.
     */
    boolean jsonBound() {
      Class<?> type = body == null ? null : SampleJson.rawClass(body);
      return type != null && type != String.class && type != byte[].class;
    }
  }

  /** One request: what is wrong with it, and its method, target, headers and body. */
  record Probe(
      String what,
      String method,
      String target,
      Map<String, String> headers,
      byte[] body,
      Set<Integer> expected) {

    Probe(String what, String method, String target, Map<String, String> headers, byte[] body) {
      this(what, method, target, headers, body, Set.of());
    }

    /** The same request, whose 4xx (other than 401 or 403) must be one of {@code statuses}. */
    Probe expecting(Integer... statuses) {
      return new Probe(what, method, target, headers, body, Set.of(statuses));
    }

    /**
     * Whether a 4xx must be a problem: not when the request accepts no JSON (then a 4xx may come
     * without a body, as Spring MVC answers when it can write nothing the client accepts).
     */
    boolean wantsProblem() {
      String accept = headers.getOrDefault("Accept", "");
      return accept.contains("json") || accept.contains("*/*");
    }
  }

  /** One answer that breaks the rule. */
  public record Violation(String caller, Probe probe, int status, String why, String body) {
    @Override
    public String toString() {
      String target = probe.target();
      return caller
          + " "
          + probe.method()
          + " "
          + (target.length() > 140 ? target.substring(0, 140) + "…" : target)
          + " ["
          + probe.what()
          + "] → "
          + (status < 0 ? "no response" : status)
          + ": "
          + why
          + (body.isBlank()
              ? ""
              : " — " + (body.length() > 240 ? body.substring(0, 240) + "…" : body));
    }
  }

  /** What a sweep sent and what broke the rule. */
  public record Result(
      long seed,
      List<String> patterns,
      int requests,
      Map<Integer, Integer> statuses,
      List<Violation> violations,
      long millis,
      List<String> slowest) {

    /**
     * Fails if any answer broke the rule, listing the violations grouped by status, reason and what
     * was wrong with the request (each group's count and first request).
     */
    public Result assertNoServerErrorsAndEvery4xxIsAProblem() {
      if (!violations.isEmpty()) {
        Map<String, List<Violation>> groups = new LinkedHashMap<>();
        violations.stream()
            .sorted(Comparator.comparingInt(v -> -v.status()))
            .forEach(
                v ->
                    groups
                        .computeIfAbsent(
                            v.status() + " " + v.why() + " [" + v.probe().what() + "]",
                            k -> new ArrayList<>())
                        .add(v));
        String listed =
            groups.entrySet().stream()
                .limit(80)
                .map(
                    g ->
                        g.getValue().size()
                            + "× "
                            + g.getKey()
                            + "\n      e.g. "
                            + g.getValue().getFirst())
                .collect(Collectors.joining("\n  "));
        throw new AssertionError(
            violations.size()
                + " of "
                + requests
                + " malformed requests broke the rule (no 5xx; a 4xx is a problem with a title and"
                + " a detail), seed "
                + seed
                + ", "
                + groups.size()
                + " kinds:\n  "
                + listed);
      }
      return this;
    }

    @Override
    public String toString() {
      return requests
          + " requests to "
          + patterns.size()
          + " patterns in "
          + millis
          + " ms, statuses "
          + statuses
          + ", "
          + violations.size()
          + " violations (seed "
          + seed
          + "); slowest: "
          + slowest;
    }
  }

  /** The mapped endpoints this sweep covers, in a fixed order. */
  List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
    for (Route route : routes) {
      List<String> variables = new ArrayList<>();
      Matcher matcher = VARIABLE.matcher(route.pattern());
      while (matcher.find()) {
        variables.add(matcher.group(1));
      }
      Map<String, Class<?>> query = new LinkedHashMap<>();
      route.queryParameters().forEach(name -> query.put(name, String.class));
      if (swept.test(route.pattern())) {
        endpoints.add(
            new Endpoint(
                route.pattern(),
                RequestMethod.valueOf(route.method()),
                variables,
                query,
                Set.of(),
                null));
      }
    }
    Map<RequestMappingInfo, HandlerMethod> handlers =
        mapping == null ? Map.of() : mapping.getHandlerMethods();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlers.entrySet()) {
      RequestMappingInfo info = entry.getKey();
      HandlerMethod handler = entry.getValue();
      List<String> pathVariables = new ArrayList<>();
      Map<String, Class<?>> query = new LinkedHashMap<>();
      Set<String> required = new LinkedHashSet<>();
      Type body = null;
      for (MethodParameter parameter : handler.getMethodParameters()) {
        parameter.initParameterNameDiscovery(names);
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        RequestBody requestBody = parameter.getParameterAnnotation(RequestBody.class);
        if (variable != null) {
          pathVariables.add(nameOf(variable.name(), parameter));
        } else if (param != null && !Map.class.isAssignableFrom(parameter.getParameterType())) {
          String name = nameOf(param.name(), parameter);
          query.put(name, parameter.getParameterType());
          if (param.required()
              && param
                  .defaultValue()
                  .equals(org.springframework.web.bind.annotation.ValueConstants.DEFAULT_NONE)
              && !java.util.Optional.class.equals(parameter.getParameterType())) {
            required.add(name);
          }
        } else if (requestBody != null) {
          body = parameter.getGenericParameterType();
        }
      }
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      if (methods.isEmpty()) {
        anyMethod.addAll(info.getPatternValues());
        methods = EnumSet.of(RequestMethod.GET, RequestMethod.POST);
      }
      for (String pattern : info.getPatternValues()) {
        if (!swept.test(pattern)) {
          continue;
        }
        for (RequestMethod method : methods) {
          endpoints.add(new Endpoint(pattern, method, pathVariables, query, required, body));
        }
      }
    }
    endpoints.sort(Comparator.comparing(Endpoint::pattern).thenComparing(e -> e.method().name()));
    return endpoints;
  }

  private static String nameOf(String declared, MethodParameter parameter) {
    if (declared != null && !declared.isEmpty()) {
      return declared;
    }
    String name = parameter.getParameterName();
    return name == null ? "arg" + parameter.getParameterIndex() : name;
  }

  /** Sends every probe to every caller and collects the answers that break the rule. */
  public Result run() {
    if (callers.isEmpty()) {
      callers.put("anonymous", null);
    }
    long start = System.nanoTime();
    Random random = new Random(seed);
    List<Endpoint> endpoints = endpoints();
    Map<String, Set<RequestMethod>> methodsByPattern = new TreeMap<>();
    endpoints.forEach(
        e ->
            methodsByPattern
                .computeIfAbsent(e.pattern(), p -> EnumSet.noneOf(RequestMethod.class))
                .add(e.method()));
    List<Probe> probes = new ArrayList<>();
    List<Probe> plausible = new ArrayList<>();
    int turn = 0;
    for (Endpoint endpoint : endpoints) {
      UUID uuid = new UUID(random.nextLong(), random.nextLong());
      for (String path : concretePaths(endpoint.pattern())) {
        List<Probe> own = probes(endpoint, path, uuid, random, turn++);
        plausible.add(own.getFirst());
        probes.addAll(own);
      }
    }
    for (Map.Entry<String, Set<RequestMethod>> entry : methodsByPattern.entrySet()) {
      for (String path : concretePaths(entry.getKey())) {
        String filled = fill(path, Map.of(), new UUID(random.nextLong(), random.nextLong()));
        probes.addAll(patternProbes(filled, entry.getValue(), anyMethod.contains(entry.getKey())));
      }
    }
    List<Violation> violations = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    timings.clear();
    int requests = 0;
    boolean first = true;
    for (Map.Entry<String, String> caller : callers.entrySet()) {
      for (Probe probe : probes) {
        boolean send = first || plausible.contains(probe) || random.nextDouble() < sampled;
        if (!send) {
          continue;
        }
        requests++;
        check(caller.getKey(), caller.getValue(), probe, violations, statuses);
      }
      first = false;
    }
    // A token that is not a JWT, on every endpoint's plausible request.
    for (Probe probe : plausible) {
      requests++;
      check("not-a-jwt", "not.a.jwt", probe, violations, statuses);
    }
    return new Result(
        seed,
        List.copyOf(methodsByPattern.keySet()),
        requests,
        statuses,
        violations,
        (System.nanoTime() - start) / 1_000_000,
        timings.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(3)
            .map(t -> t.getKey() + " " + t.getValue() + " ms")
            .toList());
  }

  private void check(
      String caller,
      String token,
      Probe probe,
      List<Violation> violations,
      Map<Integer, Integer> statuses) {
    Map<String, String> headers = new LinkedHashMap<>(probe.headers());
    if (token != null && !headers.containsKey("Authorization")) {
      headers.put("Authorization", "Bearer " + token);
    }
    RawHttp.Response response;
    long sent = System.nanoTime();
    try {
      response = RawHttp.send(port, probe.method(), probe.target(), headers, probe.body());
      timings.put(
          caller
              + " "
              + probe.method()
              + " "
              + (probe.target().length() > 80
                  ? probe.target().substring(0, 80) + "…"
                  : probe.target())
              + " ["
              + probe.what()
              + "]",
          (System.nanoTime() - sent) / 1_000_000);
    } catch (IOException failed) {
      violations.add(new Violation(caller, probe, -1, "no response (" + failed + ")", ""));
      return;
    }
    statuses.merge(response.status(), 1, Integer::sum);
    if (VERBOSE) {
      String text = response.bodyText().replaceAll("\\s+", " ");
      System.out.println(
          "sweep: "
              + caller
              + " "
              + probe.method()
              + " "
              + abbreviate(probe.target())
              + " ["
              + probe.what()
              + "] → "
              + response.status()
              + " "
              + (text.length() > 160 ? text.substring(0, 160) + "…" : text));
    }
    String why = why(response, probe.wantsProblem(), jsonRpc);
    if (why == null) {
      why = wrongStatus(response.status(), probe.expected());
    }
    if (why != null) {
      violations.add(new Violation(caller, probe, response.status(), why, response.bodyText()));
    }
  }

  /** Why an answer breaks the rule, or null if it keeps it. */
  static String why(RawHttp.Response response, boolean wantsProblem) {
    return why(response, wantsProblem, false);
  }

  /**
   * Why an answer breaks the rule, or null if it keeps it; with {@code jsonRpc} a 4xx may be a
   * JSON-RPC error response instead of a problem. Any answer that shows a Java stack trace breaks
   * it too.
   */
  static String why(RawHttp.Response response, boolean wantsProblem, boolean jsonRpc) {
    int status = response.status();
    if (status >= 500) {
      return "a server error";
    }
    String text = response.bodyText();
    if (STACK_TRACE.matcher(text).find()) {
      return "a " + status + " whose body shows a stack trace";
    }
    if (status < 400 || !wantsProblem) {
      return null;
    }
    if (jsonRpc && isJsonRpcError(text)) {
      return null;
    }
    String challenge = response.header("WWW-Authenticate");
    if (status == 401 && challenge != null && challenge.startsWith("Bearer")) {
      return null;
    }
    JsonNode body;
    try {
      body = json.readTree(response.bodyText());
    } catch (RuntimeException notJson) {
      return "a " + status + " whose body is not JSON";
    }
    if (body == null || !body.isObject()) {
      return "a " + status + " whose body is not a problem object";
    }
    if (body.path("title").asString("").isBlank() || body.path("detail").asString("").isBlank()) {
      return "a " + status + " problem without a title or a detail";
    }
    return null;
  }

  /** A 4xx that is not the one a probe's fault clearly calls for, or null. */
  static String wrongStatus(int status, Set<Integer> expected) {
    if (expected.isEmpty()
        || status < 400
        || status >= 500
        || status == 401
        || status == 403
        || expected.contains(status)) {
      return null;
    }
    return "a "
        + status
        + " where "
        + (expected.size() == 1 ? expected.iterator().next() : new java.util.TreeSet<>(expected))
        + " is right";
  }

  /** A stack trace: Jackson's {@code stackTrace} field, or a frame line, raw or JSON-escaped. */
  private static final Pattern STACK_TRACE =
      Pattern.compile("\"stackTrace\"|(\\t|\\\\t)at (java|jakarta|org|io|dev|tools|com)\\.");

  /** A JSON-RPC 2.0 error response, plain or as the data of a server-sent event. */
  static boolean isJsonRpcError(String text) {
    String body = text.strip();
    if (body.startsWith("data:") || body.contains("\ndata:")) {
      int at = body.indexOf("data:");
      body = body.substring(at + 5).strip().lines().findFirst().orElse("");
    }
    try {
      JsonNode node = json.readTree(body);
      return node != null
          && node.isObject()
          && "2.0".equals(node.path("jsonrpc").asString(""))
          && !node.path("error").path("message").asString("").isBlank();
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  private List<String> concretePaths(String pattern) {
    if (examples.containsKey(pattern)) {
      return examples.get(pattern);
    }
    return List.of(pattern.replace("/**", "/x").replace("/*", "/x"));
  }

  /** The path with each variable replaced: by {@code values}, else by a plausible value. */
  private String fill(String path, Map<String, String> values, UUID uuid) {
    Matcher matcher = VARIABLE.matcher(path);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = values.getOrDefault(name, pathValues.getOrDefault(name, uuid.toString()));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String plausibleQueryValue(Class<?> type, UUID uuid) {
    if (type == UUID.class) {
      return uuid.toString();
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "1";
    }
    if (type == java.time.LocalDate.class) {
      return "2026-01-01";
    }
    if (type.isEnum() && type.getEnumConstants().length > 0) {
      return ((Enum<?>) type.getEnumConstants()[0]).name();
    }
    if (type.getName().startsWith("java.time.")) {
      return "2026-01-01T00:00:00Z";
    }
    return "x";
  }

  /** The endpoint's probes, the plausible request first. */
  private List<Probe> probes(Endpoint e, String path, UUID uuid, Random random, int turn) {
    String method = e.method().name();
    Map<String, String> required = new LinkedHashMap<>(queryValues);
    for (String name : e.requiredQueryParameters()) {
      required.put(name, plausibleQueryValue(e.queryParameters().get(name), uuid));
    }
    String filled = fill(path, Map.of(), uuid);
    Object sample =
        bodies.containsKey(e.pattern())
            ? bodies.get(e.pattern())
            : e.body() == null ? Map.of() : SampleJson.of(e.body(), uuid);
    byte[] plausibleBody =
        e.takesBody() ? SampleJson.write(sample).getBytes(StandardCharsets.UTF_8) : null;
    Map<String, String> jsonHeaders = headers(e.takesBody() ? "application/json" : null);
    List<Probe> probes = new ArrayList<>();
    probes.add(
        new Probe("plausible", method, filled + query(required), jsonHeaders, plausibleBody));
    for (String variable : e.pathVariables()) {
      for (String junk : PATH_JUNK) {
        probes.add(
            new Probe(
                "path " + variable + "=" + abbreviate(junk),
                method,
                fill(path, Map.of(variable, junk), uuid) + query(required),
                jsonHeaders,
                plausibleBody));
      }
    }
    Set<String> names = new LinkedHashSet<>(queryValues.keySet());
    names.addAll(e.queryParameters().keySet());
    for (String name : names) {
      for (String junk : QUERY_JUNK) {
        Map<String, String> params = new LinkedHashMap<>(required);
        params.put(name, junk);
        probes.add(
            new Probe(
                "query " + name + "=" + abbreviate(junk),
                method,
                filled + query(params),
                jsonHeaders,
                plausibleBody));
      }
      probes.add(
          new Probe(
              "query " + name + " repeated",
              method,
              filled + "?" + name + "=1&" + name + "=abc&" + name + "=",
              jsonHeaders,
              plausibleBody));
      probes.add(
          new Probe(
              "query " + name + " without =",
              method,
              filled + "?" + name,
              jsonHeaders,
              plausibleBody));
    }
    for (String name : COMMON_NAMES) {
      if (names.contains(name)) {
        continue;
      }
      // One junk value per undeclared name, chosen by the seed: these matter to a handler that
      // reads its query itself, and every endpoint gets them.
      String junk = COMMON_JUNK.get(random.nextInt(COMMON_JUNK.size()));
      Map<String, String> params = new LinkedHashMap<>(required);
      params.put(name, junk);
      probes.add(
          new Probe(
              "undeclared query " + name + "=" + junk,
              method,
              filled + query(params),
              jsonHeaders,
              plausibleBody));
    }
    for (String shape : QUERY_SHAPES) {
      String rest = query(required);
      probes.add(
          new Probe(
              "query ?" + abbreviate(shape),
              method,
              filled + "?" + shape + (rest.isEmpty() ? "" : "&" + rest.substring(1)),
              jsonHeaders,
              plausibleBody));
    }
    if (e.takesBody()) {
      String target = filled + query(required);
      for (Map.Entry<String, byte[]> body : bodies(sample).entrySet()) {
        Probe probe =
            new Probe("body " + body.getKey(), method, target, jsonHeaders, body.getValue());
        probes.add(
            e.jsonBound() && UNREADABLE.contains(body.getKey()) ? probe.expecting(400) : probe);
      }
      probes.add(new Probe("body empty", method, target, jsonHeaders, new byte[0]));
      probes.add(new Probe("no body", method, target, jsonHeaders, null));
      for (String contentType :
          List.of(
              "text/plain",
              "application/xml",
              "text/csv",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=x",
              "application/json; charset=klingon",
              "nonsense",
              "")) {
        Probe probe =
            new Probe(
                "Content-Type " + (contentType.isEmpty() ? "empty" : contentType),
                method,
                target,
                headers(contentType),
                plausibleBody);
        probes.add(
            e.jsonBound() && !contentType.contains("charset") ? probe.expecting(415) : probe);
      }
      Probe none = new Probe("no Content-Type", method, target, headers(null), plausibleBody);
      probes.add(e.jsonBound() ? none.expecting(415) : none);
    }
    probes.addAll(
        headerProbes(method, filled + query(required), jsonHeaders, plausibleBody, turn, e));
    probes.add(
        new Probe(
            "Accept application/xml",
            method,
            filled + query(required),
            withAccept(jsonHeaders, "application/xml"),
            plausibleBody));
    probes.add(
        new Probe(
            "Accept nonsense",
            method,
            filled + query(required),
            withAccept(jsonHeaders, "nonsense"),
            plausibleBody));
    return probes;
  }

  /** Probes of a whole pattern: a method it does not map, and suffixes that name no endpoint. */
  private List<Probe> patternProbes(String path, Set<RequestMethod> mapped, boolean anyMethod) {
    List<Probe> probes = new ArrayList<>();
    for (RequestMethod method :
        List.of(
            RequestMethod.DELETE,
            RequestMethod.PUT,
            RequestMethod.PATCH,
            RequestMethod.POST,
            RequestMethod.GET)) {
      if (!mapped.contains(method)) {
        probes.add(
            new Probe(
                    "unmapped method",
                    method.name(),
                    path,
                    headers("application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8))
                .expecting(anyMethod ? new Integer[0] : new Integer[] {405}));
        break;
      }
    }
    probes.add(new Probe("unknown method", "BREW", path, headers(null), null));
    for (String suffix : List.of("/..", "/%2e%2e/x", ";x=1", "//", "/%ZZ", "/" + LONG)) {
      Probe probe =
          new Probe("path suffix " + abbreviate(suffix), "GET", path + suffix, headers(null), null);
      probes.add(suffix.equals("/%ZZ") ? probe.expecting(400) : probe);
    }
    return probes;
  }

  /** Malformed bodies for a plausible one, by what is wrong with them. */
  static Map<String, byte[]> bodies(Object sample) {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("not JSON", "this is not json");
    bodies.put("truncated JSON", "{\"a\":");
    bodies.put("array for object", "[]");
    bodies.put("array of the object", "[" + SampleJson.write(sample) + "]");
    bodies.put("string", "\"x\"");
    bodies.put("number", "1");
    bodies.put("null", "null");
    bodies.put("empty object", "{}");
    bodies.put("deeply nested arrays", "[".repeat(5000) + "]".repeat(5000));
    bodies.put("deeply nested objects", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
    bodies.put("two documents", "{}{}");
    bodies.put("huge number", "1" + "0".repeat(2000));
    if (sample instanceof Map<?, ?> object && !object.isEmpty()) {
      Map<String, Object> extra = new LinkedHashMap<>();
      object.forEach((k, v) -> extra.put((String) k, v));
      extra.put("unknownField", "x");
      bodies.put("extra field", SampleJson.write(extra));
      Map<String, Object> nulls = new LinkedHashMap<>();
      object.keySet().forEach(k -> nulls.put((String) k, null));
      bodies.put("every field null", SampleJson.write(nulls));
      Map<String, Object> huge = new LinkedHashMap<>();
      object.forEach((k, v) -> huge.put((String) k, v instanceof String ? OVERSIZED : v));
      bodies.put("oversized strings", SampleJson.write(huge));
      for (Object key : object.keySet()) {
        String field = (String) key;
        Object value = object.get(key);
        Map<String, Object> missing = new LinkedHashMap<>();
        object.forEach((k, v) -> missing.put((String) k, v));
        missing.remove(field);
        bodies.put(field + " missing", SampleJson.write(missing));
        for (Map.Entry<String, Object> wrong : wrongValues(value).entrySet()) {
          Map<String, Object> changed = new LinkedHashMap<>();
          object.forEach((k, v) -> changed.put((String) k, v));
          changed.put(field, wrong.getValue());
          bodies.put(field + " " + wrong.getKey(), SampleJson.write(changed));
        }
      }
    }
    // Below the top level: every value at any depth (a nested object's field, a list's element),
    // by its path, missing, null, of the wrong type, and by its type (nestedWrongValues).
    nested(
        sample,
        new ArrayList<>(),
        (path, value) -> {
          String name = pathName(path);
          if (path.getLast() instanceof String) {
            bodies.put(name + " missing", SampleJson.write(changed(sample, path, 0, REMOVED)));
          }
          for (Map.Entry<String, Object> wrong : nestedWrongValues(value).entrySet()) {
            bodies.put(
                name + " " + wrong.getKey(),
                SampleJson.write(changed(sample, path, 0, wrong.getValue())));
          }
        });
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    bodies.forEach((what, text) -> bytes.put(what, text.getBytes(StandardCharsets.UTF_8)));
    // A string that is not UTF-8: 0xC3 0x28.
    bytes.put(
        "invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
    return bytes;
  }

  /** Marks a field to leave out in {@link #changed}. */
  private static final Object REMOVED = new Object();

  /** Calls {@code visit} with the path and value of every value below the top level. */
  private static void nested(
      Object node, List<Object> path, java.util.function.BiConsumer<List<Object>, Object> visit) {
    if (path.size() >= 2) {
      visit.accept(List.copyOf(path), node);
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        path.add(String.valueOf(entry.getKey()));
        nested(entry.getValue(), path, visit);
        path.removeLast();
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        path.add(i);
        nested(list.get(i), path, visit);
        path.removeLast();
      }
    }
  }

  /** {@code callData.metaData.id}, {@code parties[0].name}. */
  private static String pathName(List<Object> path) {
    StringBuilder name = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer index) {
        name.append('[').append(index).append(']');
      } else {
        name.append(name.isEmpty() ? "" : ".").append(step);
      }
    }
    return name.toString();
  }

  /** A copy of {@code node} whose value at {@code path} is {@code value} (or left out). */
  private static Object changed(Object node, List<Object> path, int at, Object value) {
    if (at == path.size()) {
      return value;
    }
    Object step = path.get(at);
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), v));
      Object inner = changed(copy.get(step), path, at + 1, value);
      if (inner == REMOVED) {
        copy.remove(step);
      } else {
        copy.put((String) step, inner);
      }
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list);
      int index = (Integer) step;
      Object inner = changed(copy.get(index), path, at + 1, value);
      if (inner == REMOVED) {
        copy.remove(index);
      } else {
        copy.set(index, inner);
      }
      return copy;
    }
    return node;
  }

  /**
   * Wrong values for a nested value: fewer than at the top level (a nested body multiplies them),
   * but each kind of fault — null, the wrong type, a huge or NUL-bearing string, a value no enum
   * has, numbers out of range, nesting past any parser's limit.
   */
  private static Map<String, Object> nestedWrongValues(Object value) {
    Map<String, Object> wrong = new LinkedHashMap<>();
    wrong.put("null", null);
    if (value instanceof String) {
      wrong.put("number for string", 123);
      wrong.put("object for string", Map.of("a", 1));
      wrong.put("oversized", OVERSIZED);
      wrong.put("NUL inside", "a\u0000b");
      wrong.put("unknown value", "NOT_A_KNOWN_VALUE");
      wrong.put("date out of range", "+999999999-12-31T23:59:59Z");
    } else if (value instanceof Number) {
      wrong.put("string for number", "abc");
      wrong.put("huge", new SampleJson.Raw("99999999999999999999999"));
      wrong.put("1e400", new SampleJson.Raw("1e400"));
      wrong.put("int overflow", new SampleJson.Raw("2147483648"));
      wrong.put("negative", -1);
      wrong.put("fraction", 0.5);
    } else if (value instanceof Boolean) {
      wrong.put("string for boolean", "maybe");
      wrong.put("number for boolean", 2);
    } else if (value instanceof List<?>) {
      wrong.put("string for list", "x");
      wrong.put("list of nulls", java.util.Arrays.asList((Object) null));
      wrong.put("deeply nested", new SampleJson.Raw("[".repeat(5000) + "]".repeat(5000)));
    } else if (value instanceof Map<?, ?>) {
      wrong.put("string for object", "x");
      wrong.put("array for object", List.of(1));
      wrong.put(
          "deeply nested", new SampleJson.Raw("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
    } else {
      wrong.put("array", List.of(1));
      wrong.put("oversized string", OVERSIZED);
    }
    return wrong;
  }

  private static Map<String, Object> wrongValues(Object value) {
    Map<String, Object> wrong = new LinkedHashMap<>();
    wrong.put("null", null);
    wrong.put("array", List.of(1));
    wrong.put("object", Map.of("a", 1));
    if (value instanceof String) {
      wrong.put("number for string", 123);
      wrong.put("empty", "");
      wrong.put("oversized", OVERSIZED);
      wrong.put("date out of range", "+999999999-12-31T23:59:59Z");
      wrong.put("date malformed", "2026-13-45T25:61:00Z");
      wrong.put("negative", "-1");
      wrong.put("huge number string", "99999999999999999999999");
      wrong.put("control characters", "\u0000\u001f");
      wrong.put("not a URL", "ht!tp://%ZZ");
      wrong.put("NUL inside", "a\u0000b");
      wrong.put("unknown value", "NOT_A_KNOWN_VALUE");
    } else if (value instanceof Number) {
      wrong.put("string for number", "abc");
      wrong.put("huge", new SampleJson.Raw("99999999999999999999999"));
      wrong.put("1e400", new SampleJson.Raw("1e400"));
      wrong.put("negative", -1);
      wrong.put("fraction", 0.5);
      wrong.put("int overflow", new SampleJson.Raw("2147483648"));
    } else if (value instanceof Boolean) {
      wrong.put("string for boolean", "maybe");
    } else if (value instanceof List<?>) {
      wrong.put("list of nulls", java.util.Arrays.asList((Object) null));
      wrong.put("empty list", List.of());
      wrong.put("string for list", "x");
      wrong.put("deeply nested", new SampleJson.Raw("[".repeat(5000) + "]".repeat(5000)));
    } else if (value instanceof Map<?, ?>) {
      wrong.put("string for object", "x");
      wrong.put("empty object", Map.of());
      wrong.put(
          "deeply nested", new SampleJson.Raw("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
    }
    return wrong;
  }

  private Map<String, String> headers(String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json, application/problem+json");
    headers.putAll(sentHeaders);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return headers;
  }

  /** Body probes whose JSON cannot be read at all: a JSON-bound body answers them 400. */
  static final Set<String> UNREADABLE =
      Set.of(
          "not JSON",
          "truncated JSON",
          "two documents",
          "deeply nested arrays",
          "deeply nested objects",
          "invalid UTF-8");

  /**
   * Headers beyond {@code Content-Type}, {@code Accept} and a caller's token, malformed: those the
   * services read (a bearer token, a webhook's signed {@code Authorization}, the OAuth callback's
   * cookies, an MCP session's {@code Mcp-Session-Id}, {@code MCP-Protocol-Version} and {@code
   * Last-Event-ID}), those the stack reads for them (W3C trace context and baggage, {@code
   * X-Forwarded-*}, CORS's {@code Origin}, conditional requests, {@code Accept-Language}), and the
   * framing Tomcat reads ({@code Host}, {@code Content-Length}, {@code Transfer-Encoding}, {@code
   * Expect}, header size and bytes). Each goes on the plausible request, with the status it clearly
   * calls for where there is one.
   */
  static List<HeaderProbe> headerJunk() {
    List<HeaderProbe> junk = new ArrayList<>();
    // no status expected: a path open to all, or a service that reads no bearer token (the
    // gateway), may ignore the header
    junk.add(new HeaderProbe("Authorization", "Bearer", 0));
    junk.add(new HeaderProbe("Authorization", "Bearer a b", 0));
    junk.add(new HeaderProbe("Authorization", "Basic Zm9vOmJhcg==", 0));
    junk.add(new HeaderProbe("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", 0));
    junk.add(new HeaderProbe("Content-Length", "abc", 400));
    junk.add(new HeaderProbe("Content-Length", "-1", 400));
    junk.add(new HeaderProbe("Host", "bad host[", 400));
    junk.add(new HeaderProbe("Expect", "junk", 417));
    junk.add(new HeaderProbe("X-Junk", "x".repeat(12_000), 431, 400));
    junk.add(new HeaderProbe("X-Junk", "\u00ff\u00fe", 0));
    junk.add(new HeaderProbe("Accept", "application/json;q=abc", 0));
    junk.add(new HeaderProbe("Accept", "text/event-stream", 0));
    junk.add(new HeaderProbe("Accept-Language", "xx;q=abc,,;", 0));
    junk.add(new HeaderProbe("Accept-Charset", "klingon", 0));
    junk.add(new HeaderProbe("traceparent", "00-zzzz-zzzz-01", 0));
    junk.add(
        new HeaderProbe("traceparent", "ff-" + "0".repeat(32) + "-" + "0".repeat(16) + "-zz", 0));
    junk.add(new HeaderProbe("baggage", "=;;,%ZZ=%ZZ," + LONG + "=" + LONG, 0));
    junk.add(new HeaderProbe("tracestate", "a".repeat(600) + "=,,", 0));
    junk.add(new HeaderProbe("X-Forwarded-Proto", "junk", 0));
    junk.add(new HeaderProbe("X-Forwarded-Host", "a b[", 0));
    junk.add(new HeaderProbe("X-Forwarded-Port", "abc", 0));
    junk.add(new HeaderProbe("X-Forwarded-Prefix", "%ZZ", 0));
    junk.add(new HeaderProbe("Forwarded", "for=;;;proto=%ZZ", 0));
    junk.add(new HeaderProbe("Origin", "http://evil.example", 0));
    junk.add(new HeaderProbe("Cookie", "a=%ZZ; ;=; b=\"unclosed; " + LONG, 0));
    junk.add(new HeaderProbe("If-None-Match", "junk", 0));
    junk.add(new HeaderProbe("If-Modified-Since", "not a date", 0));
    junk.add(new HeaderProbe("If-Match", "\"%ZZ", 0));
    junk.add(new HeaderProbe("Range", "bytes=abc", 0));
    junk.add(new HeaderProbe("X-Request-Id", LONG, 0));
    junk.add(new HeaderProbe("Idempotency-Key", "%00", 0));
    junk.add(new HeaderProbe("Mcp-Session-Id", "not-a-session", 0));
    junk.add(new HeaderProbe("Mcp-Session-Id", "", 0));
    junk.add(new HeaderProbe("MCP-Protocol-Version", "1999-01-01", 0));
    junk.add(new HeaderProbe("Last-Event-ID", "%ZZ" + LONG, 0));
    return junk;
  }

  /** A header and its junk value, and the statuses it clearly calls for (0: none). */
  record HeaderProbe(String name, String value, Integer... expected) {}

  /**
   * The header probes of one endpoint: the token's to every endpoint; each other one to every third
   * endpoint (by {@code turn}), so that each endpoint gets a third of them and each reaches a third
   * of the endpoints; and, to a body-taking one, a broken chunked body and an unsupported transfer
   * coding.
   */
  private List<Probe> headerProbes(
      String method,
      String target,
      Map<String, String> plain,
      byte[] body,
      int turn,
      Endpoint endpoint) {
    List<Probe> probes = new ArrayList<>();
    List<HeaderProbe> junk = headerJunk();
    for (int i = 0; i < junk.size(); i++) {
      HeaderProbe header = junk.get(i);
      if (!header.name().equals("Authorization") && (i + turn) % 3 != 0) {
        continue;
      }
      Map<String, String> headers = new LinkedHashMap<>(plain);
      headers.keySet().removeIf(header.name()::equalsIgnoreCase);
      headers.put(header.name(), header.value());
      boolean framing = header.name().equals("Content-Length");
      Probe probe =
          new Probe(
              "header " + header.name() + ": " + abbreviate(header.value()),
              method,
              target,
              headers,
              framing ? null : body);
      probes.add(header.expected()[0] == 0 ? probe : probe.expecting(header.expected()));
    }
    if (body != null && turn % 3 == 0) {
      Map<String, String> chunked = new LinkedHashMap<>(plain);
      chunked.put("Transfer-Encoding", "chunked");
      Probe probe =
          new Probe(
              "header Transfer-Encoding: chunked, a broken chunk",
              method,
              target,
              chunked,
              "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      // 400 when the body is read: a handler that takes none answers what it answers
      probes.add(endpoint.jsonBound() ? probe.expecting(400) : probe);
    }
    return probes;
  }

  private static Map<String, String> withAccept(Map<String, String> headers, String accept) {
    Map<String, String> changed = new LinkedHashMap<>(headers);
    changed.put("Accept", accept);
    return changed;
  }

  private static String query(Map<String, String> params) {
    if (params.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("?");
    params.forEach(
        (name, value) -> {
          if (out.length() > 1) {
            out.append('&');
          }
          out.append(name).append('=').append(value);
        });
    return out.toString();
  }

  private static String abbreviate(String s) {
    return s.length() > 24 ? s.substring(0, 8) + "…(" + s.length() + ")" : s;
  }
}

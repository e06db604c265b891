package dev.earshot.gong.client;

import dev.earshot.gong.api.CallElement;
import dev.earshot.gong.api.CallMetadata;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.CallsFilter;
import dev.earshot.gong.api.CallsPage;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.api.ExtensivePage;
import dev.earshot.gong.api.ExtensiveRequest;
import dev.earshot.gong.api.GongUser;
import dev.earshot.gong.api.PageInfo;
import dev.earshot.gong.api.TranscriptPage;
import dev.earshot.gong.api.TranscriptRequest;
import dev.earshot.gong.api.UsersPage;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.limit.Bucket4jRateLimiter;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.limit.RateLimits;
import dev.earshot.gong.proxy.GongReadOperations;
import dev.earshot.gong.url.GongBaseUrl;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Gong's REST API v2 for one connection. Single-page methods map one-to-one to Gong's endpoints;
 * the {@code all*} and {@code *For} helpers page through cursors and batch call ids (at most {@link
 * #MAX_IDS_PER_REQUEST} per request) with as few requests as Gong allows, and restart paging when a
 * cursor expires without losing or repeating records.
 */
public final class GongClient {

  /** Gong's page size, and the most call ids one request may name. */
  public static final int MAX_IDS_PER_REQUEST = 100;

  private static final int MAX_CURSOR_RESTARTS = 5;

  private final GongBaseUrl baseUrl;
  private final GongCredentials credentials;
  private final GongTransport transport;

  private GongClient(Builder builder) {
    this.baseUrl = Objects.requireNonNull(builder.baseUrl, "baseUrl");
    this.credentials = Objects.requireNonNull(builder.credentials, "credentials");
    GongClientMetrics metrics = new GongClientMetrics(builder.meterRegistry, builder.connectionKey);
    HttpClient http =
        builder.httpClient != null
            ? builder.httpClient
            : HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    GongRateLimiter limiter =
        builder.rateLimiter != null
            ? builder.rateLimiter
            : Bucket4jRateLimiter.inMemory(RateLimits.gongDefaults());
    this.transport =
        new GongTransport(http, limiter, builder.connectionKey, builder.retry, metrics);
  }

  public static Builder builder() {
    return new Builder();
  }

  public GongBaseUrl baseUrl() {
    return baseUrl;
  }

  /**
   * Forwards one allow-listed read to Gong, through the same rate limiter, retries and error
   * mapping as every other request, to this client's base URL only.
   *
   * @param operation an operation {@link GongReadOperations#check} allowed
   * @param path the concrete path it allowed, e.g. {@code /v2/calls/7782342274025937895}
   * @param query query parameters (names of letters and digits), each value URL-encoded here
   * @param body the JSON body of a read {@code POST}, or null for a {@code GET}
   * @return Gong's answer, parsed
   * @throws GongApiException when Gong refuses or fails, as for the other requests
   * @throws IllegalArgumentException when the path does not match the operation, a parameter name
   *     is not plain, or the URL would leave the base URL's origin
   */
  public JsonNode read(
      GongReadOperations.Operation operation,
      String path,
      Map<String, List<String>> query,
      JsonNode body) {
    if (!(GongReadOperations.check(operation.method(), path)
            instanceof GongReadOperations.Verdict.Allowed allowed)
        || !allowed.operation().equals(operation)) {
      throw new IllegalArgumentException(
          "the path " + path + " is not the allowed operation " + operation.template());
    }
    StringBuilder pathAndQuery = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      if (!GongReadOperations.isQueryParameterName(parameter.getKey())) {
        throw new IllegalArgumentException("query parameter names are letters and digits");
      }
      for (String value : parameter.getValue()) {
        pathAndQuery
            .append(separator)
            .append(parameter.getKey())
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    java.net.URI target = baseUrl.resolve(pathAndQuery.toString());
    java.net.URI base = baseUrl.resolve("");
    if (!target.getScheme().equals(base.getScheme())
        || !target.getRawAuthority().equals(base.getRawAuthority())) {
      throw new IllegalArgumentException("the request would leave the connection's base URL");
    }
    String request = pathAndQuery.toString();
    return transport.send(
        GongEndpoint.PROXIED_READ,
        () -> operation.method().equals("GET") ? get(request) : post(request, body),
        JsonNode.class);
  }

  // ---- single pages ----

  public UsersPage users(String cursor) {
    return transport.send(
        GongEndpoint.USERS,
        () -> get(GongEndpoint.USERS.path() + query(Map.of(), cursor)),
        UsersPage.class);
  }

  /** Calls that started in [from, to); an empty page when Gong finds none (its 404). */
  public CallsPage calls(Instant from, Instant to, String cursor) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("fromDateTime", from.toString());
    params.put("toDateTime", to.toString());
    try {
      return transport.send(
          GongEndpoint.CALLS,
          () -> get(GongEndpoint.CALLS.path() + query(params, cursor)),
          CallsPage.class);
    } catch (GongApiException.Rejected notFound) {
      if (notFound.status() == 404) {
        return new CallsPage(
            notFound.requestId().orElse(null), new PageInfo(0, 0, 0, null), List.of());
      }
      throw notFound;
    }
  }

  public ExtensivePage extensive(ExtensiveRequest request) {
    try {
      return transport.send(
          GongEndpoint.CALLS_EXTENSIVE,
          () -> post(GongEndpoint.CALLS_EXTENSIVE.path(), request),
          ExtensivePage.class);
    } catch (GongApiException.Rejected notFound) {
      if (notFound.status() == 404) {
        return new ExtensivePage(null, new PageInfo(0, 0, 0, null), List.of());
      }
      throw notFound;
    }
  }

  public TranscriptPage transcripts(TranscriptRequest request) {
    try {
      return transport.send(
          GongEndpoint.CALLS_TRANSCRIPT,
          () -> post(GongEndpoint.CALLS_TRANSCRIPT.path(), request),
          TranscriptPage.class);
    } catch (GongApiException.Rejected notFound) {
      if (notFound.status() == 404) {
        return new TranscriptPage(null, new PageInfo(0, 0, 0, null), List.of());
      }
      throw notFound;
    }
  }

  // ---- paging and batching ----

  /** Every user; a cursor that expires mid-way restarts the listing, duplicates dropped. */
  public List<GongUser> allUsers() {
    Map<String, GongUser> users = new LinkedHashMap<>();
    pageThrough(
        cursor -> {
          UsersPage page = users(cursor);
          page.users().forEach(u -> users.putIfAbsent(u.id(), u));
          return page.records();
        },
        () -> null);
    return List.copyOf(users.values());
  }

  /**
   * Every call that started in [from, to). When a cursor expires, listing restarts from {@code
   * from}: Gong documents no paging order, so resuming from the latest start seen could skip calls
   * not yet paged (review m11). Calls already collected are not repeated; the restart costs the
   * pages listed again (at most {@value #MAX_CURSOR_RESTARTS} restarts).
   */
  public List<CallMetadata> allCalls(Instant from, Instant to) {
    Map<String, CallMetadata> calls = new LinkedHashMap<>();
    pageThrough(
        cursor -> {
          CallsPage page = calls(from, to, cursor);
          page.calls().forEach(c -> calls.putIfAbsent(c.id(), c));
          return page.records();
        },
        () -> null);
    return List.copyOf(calls.values());
  }

  /**
   * Metadata, parties, CRM context and content for these calls: one request per 100 ids (plus pages
   * if Gong pages). Ids Gong does not return are simply absent from the result; so are elements
   * that cannot be read (see {@link #extensiveElementsFor}).
   */
  public List<ExtensiveCall> extensiveFor(Collection<String> callIds, ContentSelector selector) {
    return readable(extensiveElementsFor(callIds, selector));
  }

  /**
   * Like {@link #extensiveFor}, but every element Gong returned, each read on its own: a call whose
   * element cannot be read (a value of the wrong type, say) is reported with the reason, and its
   * batch-mates are read as usual. Elements keep Gong's JSON as sent.
   */
  public List<CallElement<ExtensiveCall>> extensiveElementsFor(
      Collection<String> callIds, ContentSelector selector) {
    return elementsFor(
        callIds,
        GongEndpoint.CALLS_EXTENSIVE,
        (ids, cursor) -> new ExtensiveRequest(CallsFilter.ofIds(ids), selector, cursor),
        "calls",
        GongClient::extensiveElement);
  }

  /**
   * One element of {@code calls/extensive}'s {@code calls}, read on its own exactly as {@link
   * #extensiveElementsFor} reads each: for Gong's JSON kept elsewhere (a capture on disk).
   */
  public static CallElement<ExtensiveCall> extensiveElement(JsonNode json) {
    return element(
        json,
        ExtensiveCall.class,
        j -> j.path("metaData").path("id"),
        call -> call.metaData() == null || call.metaData().id() == null ? "no metaData.id" : null);
  }

  /** Transcripts for these calls, 100 ids per request; calls without one yet are absent. */
  public List<CallTranscript> transcriptsFor(Collection<String> callIds) {
    return readable(transcriptElementsFor(callIds));
  }

  /**
   * Like {@link #transcriptsFor}, but every element Gong returned, each read on its own (see {@link
   * #extensiveElementsFor}).
   */
  public List<CallElement<CallTranscript>> transcriptElementsFor(Collection<String> callIds) {
    return elementsFor(
        callIds,
        GongEndpoint.CALLS_TRANSCRIPT,
        (ids, cursor) -> new TranscriptRequest(CallsFilter.ofIds(ids), cursor),
        "callTranscripts",
        GongClient::transcriptElement);
  }

  /**
   * One element of {@code calls/transcript}'s {@code callTranscripts}, read on its own exactly as
   * {@link #transcriptElementsFor} reads each: for Gong's JSON kept elsewhere (a capture on disk).
   */
  public static CallElement<CallTranscript> transcriptElement(JsonNode json) {
    return element(
        json,
        CallTranscript.class,
        j -> j.path("callId"),
        transcript -> transcript.callId() == null ? "no callId" : null);
  }

  private static <T> List<T> readable(List<CallElement<T>> elements) {
    return elements.stream().filter(CallElement::readable).map(CallElement::value).toList();
  }

  /**
   * Pages through a POST endpoint that answers a list of call elements, 100 ids per request, and
   * reads each element on its own. An id counts as answered once any element names it.
   */
  private <T> List<CallElement<T>> elementsFor(
      Collection<String> callIds,
      GongEndpoint endpoint,
      java.util.function.BiFunction<List<String>, String, Object> request,
      String field,
      java.util.function.Function<JsonNode, CallElement<T>> read) {
    Map<String, CallElement<T>> found = new LinkedHashMap<>();
    List<CallElement<T>> anonymous = new ArrayList<>();
    for (List<String> batch : batches(callIds)) {
      List<String> remaining = new ArrayList<>(batch);
      pageThrough(
          cursor -> {
            JsonNode page = postPage(endpoint, request.apply(remaining, cursor));
            for (JsonNode json : page.path(field)) {
              CallElement<T> element = read.apply(json);
              if (element.callId() == null) {
                anonymous.add(element);
              } else {
                found.putIfAbsent(element.callId(), element);
              }
            }
            return pageInfo(page);
          },
          () -> {
            remaining.removeIf(found::containsKey);
            return null;
          });
    }
    List<CallElement<T>> all = new ArrayList<>(found.values());
    all.addAll(anonymous);
    return List.copyOf(all);
  }

  private static <T> CallElement<T> element(
      JsonNode json,
      Class<T> type,
      java.util.function.Function<JsonNode, JsonNode> idOf,
      java.util.function.Function<T, String> invalid) {
    JsonNode idNode = idOf.apply(json);
    String id =
        idNode.isString() && !idNode.asString().isBlank()
            ? idNode.asString()
            : idNode.isIntegralNumber() ? idNode.asString() : null;
    if (json.isNull()) {
      return new CallElement<>(id, json, null, "a null element");
    }
    try {
      T value = GongJson.mapper().treeToValue(json, type);
      String problem = value == null ? "an empty element" : invalid.apply(value);
      return problem == null
          ? new CallElement<>(id, json, value, null)
          : new CallElement<>(id, json, null, problem);
    } catch (JacksonException | IllegalArgumentException unreadable) {
      return new CallElement<>(id, json, null, unreadableReason(unreadable));
    }
  }

  /** Where and what kind of value failed, without echoing the value (it may be content). */
  private static String unreadableReason(RuntimeException failure) {
    if (failure instanceof JacksonException jackson) {
      String path =
          jackson.getPath().stream()
              .map(
                  ref ->
                      ref.getPropertyName() != null
                          ? ref.getPropertyName()
                          : Integer.toString(ref.getIndex()))
              .collect(java.util.stream.Collectors.joining("."));
      return "unreadable value at " + (path.isEmpty() ? "the element" : path);
    }
    return "unreadable element";
  }

  private JsonNode postPage(GongEndpoint endpoint, Object body) {
    try {
      return transport.send(endpoint, () -> post(endpoint.path(), body), JsonNode.class);
    } catch (GongApiException.Rejected notFound) {
      if (notFound.status() == 404) {
        return GongJson.mapper().createObjectNode();
      }
      throw notFound;
    }
  }

  private static PageInfo pageInfo(JsonNode page) {
    JsonNode records = page.path("records");
    return records.isObject() ? GongJson.mapper().treeToValue(records, PageInfo.class) : null;
  }

  static List<List<String>> batches(Collection<String> ids) {
    List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < unique.size(); i += MAX_IDS_PER_REQUEST) {
      batches.add(unique.subList(i, Math.min(unique.size(), i + MAX_IDS_PER_REQUEST)));
    }
    return batches;
  }

  /** One page fetch given a cursor (null for the first), returning the page's records block. */
  @FunctionalInterface
  private interface PageFetch {
    PageInfo fetch(String cursor);
  }

  /**
   * Fetches pages until no cursor remains; on an expired cursor, prepares a restart and retries.
   */
  private static void pageThrough(PageFetch fetch, java.util.function.Supplier<String> restart) {
    String cursor = null;
    int restarts = 0;
    while (true) {
      PageInfo info;
      try {
        info = fetch.fetch(cursor);
      } catch (GongApiException.CursorExpired expired) {
        if (++restarts > MAX_CURSOR_RESTARTS) {
          throw expired;
        }
        cursor = restart.get();
        continue;
      }
      if (info == null || !info.hasNext()) {
        return;
      }
      cursor = info.cursor();
    }
  }

  private HttpRequest.Builder get(String pathAndQuery) {
    return GongTransport.json(baseUrl.resolve(pathAndQuery), credentials.authorizationHeader())
        .GET();
  }

  private HttpRequest.Builder post(String path, Object body) {
    String json = GongJson.mapper().writeValueAsString(body);
    return GongTransport.json(baseUrl.resolve(path), credentials.authorizationHeader())
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private static String query(Map<String, String> params, String cursor) {
    Map<String, String> all = new LinkedHashMap<>(params);
    if (cursor != null) {
      all.put("cursor", cursor);
    }
    if (all.isEmpty()) {
      return "";
    }
    StringBuilder query = new StringBuilder("?");
    all.forEach(
        (k, v) -> {
          if (query.length() > 1) {
            query.append('&');
          }
          query.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return query.toString();
  }

  /** Builder; {@code baseUrl} and {@code credentials} are required. */
  public static final class Builder {
    private GongBaseUrl baseUrl;
    private GongCredentials credentials;
    private String connectionKey = "default";
    private GongRateLimiter rateLimiter;
    private MeterRegistry meterRegistry;
    private HttpClient httpClient;
    private RetrySettings retry = RetrySettings.defaults();

    public Builder baseUrl(GongBaseUrl baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder credentials(GongCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** The key the rate limiter budgets by: one per Gong connection. */
    public Builder connectionKey(String connectionKey) {
      this.connectionKey = connectionKey;
      return this;
    }

    public Builder rateLimiter(GongRateLimiter rateLimiter) {
      this.rateLimiter = rateLimiter;
      return this;
    }

    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    public Builder retry(RetrySettings retry) {
      this.retry = retry;
      return this;
    }

    public GongClient build() {
      return new GongClient(this);
    }
  }
}

package dev.earshot.gong.client;

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
   * Every call that started in [from, to). When a cursor expires, listing resumes from the latest
   * start time already seen, and calls already collected are not repeated.
   */
  public List<CallMetadata> allCalls(Instant from, Instant to) {
    Map<String, CallMetadata> calls = new LinkedHashMap<>();
    Instant[] resumeFrom = {from};
    pageThrough(
        cursor -> {
          CallsPage page = calls(resumeFrom[0], to, cursor);
          page.calls().forEach(c -> calls.putIfAbsent(c.id(), c));
          return page.records();
        },
        () -> {
          resumeFrom[0] =
              calls.values().stream()
                  .map(CallMetadata::started)
                  .filter(Objects::nonNull)
                  .max(Instant::compareTo)
                  .orElse(from);
          return null;
        });
    return List.copyOf(calls.values());
  }

  /**
   * Metadata, parties, CRM context and content for these calls: one request per 100 ids (plus pages
   * if Gong pages). Ids Gong does not return are simply absent from the result.
   */
  public List<ExtensiveCall> extensiveFor(Collection<String> callIds, ContentSelector selector) {
    Map<String, ExtensiveCall> found = new LinkedHashMap<>();
    for (List<String> batch : batches(callIds)) {
      List<String> remaining = new ArrayList<>(batch);
      pageThrough(
          cursor -> {
            ExtensivePage page =
                extensive(new ExtensiveRequest(CallsFilter.ofIds(remaining), selector, cursor));
            page.calls().forEach(c -> found.putIfAbsent(c.metaData().id(), c));
            return page.records();
          },
          () -> {
            remaining.removeIf(found::containsKey);
            return null;
          });
    }
    return List.copyOf(found.values());
  }

  /** Transcripts for these calls, 100 ids per request; calls without one yet are absent. */
  public List<CallTranscript> transcriptsFor(Collection<String> callIds) {
    Map<String, CallTranscript> found = new LinkedHashMap<>();
    for (List<String> batch : batches(callIds)) {
      List<String> remaining = new ArrayList<>(batch);
      pageThrough(
          cursor -> {
            TranscriptPage page =
                transcripts(new TranscriptRequest(CallsFilter.ofIds(remaining), cursor));
            page.callTranscripts().forEach(t -> found.putIfAbsent(t.callId(), t));
            return page.records();
          },
          () -> {
            remaining.removeIf(found::containsKey);
            return null;
          });
    }
    return List.copyOf(found.values());
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

package dev.earshot.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * ingest-service configuration ({@code earshot.ingest.*}).
 *
 * @param crypto where the credentials keyset comes from
 * @param oauth the deployment's Gong OAuth app and callback
 * @param allowedLocalGongOrigins loopback origins allowed besides *.gong.io (local profile only)
 * @param refreshAhead refresh OAuth tokens this long before they expire (default 5 minutes)
 * @param refreshInterval how often OAuth tokens due for refresh are looked for (and the first look
 *     after start)
 * @param reencryptInterval how often credentials sealed with an older key are re-encrypted with the
 *     primary one (and the first run after start)
 * @param publicBaseUrl webhook-gateway's public URL, the base of the webhook URLs this service
 *     issues
 * @param fetch how calls are fetched
 * @param poll how workspaces are polled
 * @param backfill how backfills are chunked
 * @param loops what the background loops (fetch, poll, backfill) do when they may not call Gong
 * @param webhooks how webhook subscriptions are registered
 * @param tokenRefresh how OAuth tokens are refreshed
 * @param outbox how connection state reaches gong.connections.v1
 * @param metrics how often gauges that query the database are refreshed
 * @param gongLimits the request budget Gong gives each connected company
 */
@Validated
@ConfigurationProperties(IngestProperties.PREFIX)
public record IngestProperties(
    @DefaultValue Crypto crypto,
    @DefaultValue OAuth oauth,
    @DefaultValue Set<String> allowedLocalGongOrigins,
    @DefaultValue("5m") Duration refreshAhead,
    @DefaultValue("60s") Duration refreshInterval,
    @DefaultValue("1h") Duration reencryptInterval,
    @DefaultValue("http://localhost:8081") String publicBaseUrl,
    @DefaultValue Fetch fetch,
    @DefaultValue Poll poll,
    @DefaultValue Backfill backfill,
    @DefaultValue Loops loops,
    @DefaultValue Webhooks webhooks,
    @DefaultValue TokenRefresh tokenRefresh,
    @DefaultValue Outbox outbox,
    @DefaultValue Metrics metrics,
    @DefaultValue GongLimits gongLimits) {

  /** The prefix of every key. */
  public static final String PREFIX = "earshot.ingest";

  /**
   * This bean in SpEL, for {@code @Scheduled} delays read from it (the bean name
   * {@code @ConfigurationPropertiesScan} gives it): {@code "#{" + IngestProperties.BEAN +
   * ".fetch().interval()}"}.
   */
  public static final String BEAN = "@'" + PREFIX + "-dev.earshot.ingest.IngestProperties'";

  /**
   * The request budget of one connection ({@code earshot.ingest.gong-limits.*}), shared by every
   * replica through the {@code bucket} table. Gong documents 3 requests per second and 10,000 per
   * day per company by default and raises them on request ("What the Gong API rate limits are",
   * Gong's API documentation); set a company's raised limits here. The daily figure is also
   * exported as {@code earshot.ingest.gong.daily_quota}, which the quota alert and panel divide by.
   *
   * @param perSecond requests per second (default 3)
   * @param perDay requests per day (default 10,000)
   * @param version the limits' version: raise it with any change of the two above, so the buckets
   *     already stored take the new limits (Bucket4j replaces a stored configuration only for a
   *     higher version; tokens already used today are kept)
   */
  public record GongLimits(
      @DefaultValue("3") @Min(1) int perSecond,
      @DefaultValue("10000") @Min(1) long perDay,
      @DefaultValue("1") @Min(1) long version) {}

  /**
   * Gauges that query the database ({@code earshot.ingest.metrics.*}).
   *
   * @param ledgerInterval how often the call ledger's counts by state are read for {@code
   *     earshot.ingest.calls}
   */
  public record Metrics(@DefaultValue("30s") Duration ledgerInterval) {}

  /**
   * Connection state on gong.connections.v1 ({@code earshot.ingest.outbox.*}).
   *
   * @param publishTimeout longest wait for Kafka to acknowledge one state; the publication then
   *     fails and is resubmitted
   * @param resubmitInterval how often failed publications are resubmitted while the service runs
   * @param resubmitMinAge a failed publication is resubmitted once it is at least this old
   * @param maxInFlight most resubmitted publications in flight at once, across replicas
   */
  public record Outbox(
      @DefaultValue("30s") Duration publishTimeout,
      @DefaultValue("30s") Duration resubmitInterval,
      @DefaultValue("10s") Duration resubmitMinAge,
      @DefaultValue("20") @Min(1) int maxInFlight) {}

  /**
   * OAuth token refresh ({@code earshot.ingest.token-refresh.*}); how far ahead is {@code
   * refresh-ahead}, how often {@code refresh-interval}.
   *
   * @param assumedLifetime how long an access token lasts when Gong's answer has no {@code
   *     expires_in} (answers carry one: 86,400 s in the shared fixture oauth-token.json): short, so
   *     a missing value makes Earshot refresh early, never late
   * @param maxPerRun most connections one replica refreshes per run (each in its own transaction)
   */
  public record TokenRefresh(
      @DefaultValue("1h") Duration assumedLifetime, @DefaultValue("200") @Min(1) int maxPerRun) {}

  /**
   * @param batchSize most calls per Gong request (Gong allows 100)
   * @param batchWait how long a partial batch waits for more calls before it is fetched anyway
   * @param transcriptRetryInitial first wait for a transcript Gong does not have yet
   * @param transcriptRetryMax longest wait between transcript attempts
   * @param giveUpAfter stop waiting for a transcript this long after the call was seen
   * @param publishTimeout longest wait for Kafka to acknowledge a batch of calls
   * @param maxCallBytes largest encoded {@code Call} record sent: gong.calls.v1 and the producer
   *     take 4 MiB ({@code Topics.MAX_MESSAGE_BYTES}), less room for the key, headers and batch
   * @param failures how calls that cannot become a {@code Call} record are retried, then parked
   * @param interval how often due calls are looked for
   * @param summaries how calls published before Gong's brief existed are re-checked
   */
  public record Fetch(
      @DefaultValue("100") @Min(1) @Max(100) int batchSize,
      @DefaultValue("5s") Duration batchWait,
      @DefaultValue("1m") Duration transcriptRetryInitial,
      @DefaultValue("30m") Duration transcriptRetryMax,
      @DefaultValue("48h") Duration giveUpAfter,
      @DefaultValue("30s") Duration publishTimeout,
      @DefaultValue("4000KB") DataSize maxCallBytes,
      @DefaultValue CallFailures failures,
      @DefaultValue("2s") Duration interval,
      @DefaultValue SummaryRechecks summaries) {}

  /**
   * Gong writes a call's brief (its AI summary) after analysis, so a call may be published before
   * {@code calls/extensive} has one. Such a call stays {@code PUBLISHED} with its summary pending
   * in the ledger and is asked for again by the fetch loop itself (its batches, rate limiter, holds
   * and pauses, turns across connections): first {@code initialDelay} after publication, then
   * doubling up to {@code maxDelay}, the last check at {@code giveUpAfter}. A check that finds the
   * brief fetches the transcript again (one more {@code calls/transcript} request per batch) and
   * republishes the call on gong.calls.v1 under the same key; one that finds the call private stops
   * without publishing anything.
   *
   * @param enabled whether a call published without a brief is marked for re-checks (calls marked
   *     before it was turned off finish theirs)
   * @param initialDelay wait from publication to the first re-check
   * @param maxDelay longest wait between re-checks
   * @param giveUpAfter no re-check later than this long after publication: the call is counted
   *     {@code earshot.ingest.calls.summary_gave_up} and keeps what it was published with
   */
  public record SummaryRechecks(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("30m") Duration initialDelay,
      @DefaultValue("4h") Duration maxDelay,
      @DefaultValue("48h") Duration giveUpAfter) {}

  /**
   * A call that cannot become a {@code Call} record (an unreadable element in Gong's answer, an
   * assembly or encoding failure, a record over {@code maxCallBytes}) waits {@code retryInitial},
   * doubling up to {@code retryMax}, and is parked {@code FAILED} with its reason at the {@code
   * maxAttempts}-th failure; its batch-mates are published without it.
   *
   * @param maxAttempts failed attempts before a call is parked (1 parks it at once)
   * @param retryInitial first wait after a failed attempt
   * @param retryMax longest wait between attempts
   */
  public record CallFailures(
      @DefaultValue("5") @Min(1) int maxAttempts,
      @DefaultValue("1m") Duration retryInitial,
      @DefaultValue("30m") Duration retryMax) {}

  /**
   * The background loops stop calling Gong for a connection Gong refuses (a 401 or 403 holds it
   * until an admin fixes it; a 429 whose {@code Retry-After} is longer than the client waits pauses
   * it until then), and for one whose local daily quota is spent: the local bucket cannot see the
   * company's other integrations, so Earshot pauses and probes again after {@code quotaPause}
   * rather than asking for a permit every tick (field case 08 tolerates one probe per 15 minutes).
   *
   * @param quotaPause how long a connection pauses when no local permit comes in time
   */
  public record Loops(@DefaultValue("15m") Duration quotaPause) {}

  /**
   * A backfill lists its window chunk by chunk; each chunk is committed with the cursor moved past
   * it. The span adapts so a chunk holds about {@code targetCallsPerChunk} calls: fewer requests
   * for quiet workspaces, small resumable steps for busy ones.
   *
   * @param initialChunk span of the first chunk
   * @param maxChunk longest span of one chunk
   * @param targetCallsPerChunk calls a chunk should hold (ten of Gong's pages by default)
   * @param tick how often running backfills are worked on
   */
  public record Backfill(
      @DefaultValue("1d") Duration initialChunk,
      @DefaultValue("15d") Duration maxChunk,
      @DefaultValue("1000") @Min(100) int targetCallsPerChunk,
      @DefaultValue("5s") Duration tick) {}

  /**
   * @param registrar how subscriptions are made: {@code manual} (an admin creates Gong's automation
   *     rule with the URL Earshot shows; Gong has no public API for rules) or {@code simulator}
   *     (the Gong simulator's rule endpoint, local profile and tests)
   * @param subscribeOnConnect subscribe as soon as a connection is made
   */
  public record Webhooks(
      @DefaultValue("manual") String registrar,
      @DefaultValue("false") boolean subscribeOnConnect) {}

  /**
   * Gong lists a call ({@code GET /v2/calls}, filtered on the call's <em>start</em>) only once it
   * has ended and been processed, so a long call becomes listable after later, shorter ones (field
   * case 01; Pipedream's Gong trigger, onyx's Gong connector). Each poll therefore lists from
   * {@code min(watermark, now - processingMargin) - overlap}, never past a call that may still
   * appear, and every {@code reconcileEvery} one poll lists the whole {@code reconcileWindow}; the
   * ledger absorbs the re-sightings, so re-listing costs listing pages only.
   *
   * @param interval time between polls of one workspace
   * @param overlap how far before the window's start each poll begins, for clock skew
   * @param initialLookback where the first poll of a new connection starts (at least the margin)
   * @param processingMargin how long after its start a call may still become listable: the longest
   *     call expected (3 h) plus Gong's processing lag (an hour; Gong documents no bound)
   * @param reconcileEvery how often one poll lists the wider reconciliation window
   * @param reconcileWindow how far back a reconciliation poll lists (at least the margin)
   * @param tick how often connections are checked for a due poll (and the first check after start);
   *     {@code interval} decides when one is due
   */
  public record Poll(
      @DefaultValue("15m") Duration interval,
      @DefaultValue("10m") Duration overlap,
      @DefaultValue("1h") Duration initialLookback,
      @DefaultValue("4h") Duration processingMargin,
      @DefaultValue("6h") Duration reconcileEvery,
      @DefaultValue("1d") Duration reconcileWindow,
      @DefaultValue("30s") Duration tick) {}

  /**
   * @param keyset Tink keyset JSON (usually from the EARSHOT_INGEST_KEYSET environment variable)
   * @param keysetFile a mounted keyset file, read when {@code keyset} is blank
   * @param generateIfMissing create {@code keysetFile} when absent (local profile only)
   */
  public record Crypto(
      String keyset, Path keysetFile, @DefaultValue("false") boolean generateIfMissing) {

    /** Never the keyset: it holds the keys every stored credential is encrypted with. */
    @Override
    public String toString() {
      return "Crypto[keyset="
          + (keyset == null ? "null" : "<redacted>")
          + ", keysetFile="
          + keysetFile
          + ", generateIfMissing="
          + generateIfMissing
          + "]";
    }
  }

  /**
   * @param clientId the deployment's OAuth client id (orgs may paste their own instead)
   * @param clientSecret its secret
   * @param authorizeUrl Gong's authorize endpoint
   * @param tokenUrl Gong's token endpoint
   * @param redirectUri this service's callback, registered with the Gong app
   * @param stateKey HMAC key (at least 32 characters) that signs OAuth states
   * @param fallbackApiBaseUrl the API host tried when Gong's token answer has no {@code
   *     api_base_url_for_customer}: the generic host, which serves US tenants only (amp-labs
   *     connectors #3000); it is used only once Gong lists users there with the new token
   */
  public record OAuth(
      String clientId,
      String clientSecret,
      @DefaultValue("https://app.gong.io/oauth2/authorize") URI authorizeUrl,
      @DefaultValue("https://app.gong.io/oauth2/generate-customer-token") URI tokenUrl,
      @DefaultValue("http://localhost:8082/api/v1/connections/oauth/callback") String redirectUri,
      String stateKey,
      @DefaultValue("https://api.gong.io") String fallbackApiBaseUrl) {

    /** Never the client secret nor the state key. */
    @Override
    public String toString() {
      return "OAuth[clientId="
          + clientId
          + ", clientSecret=<redacted>, authorizeUrl="
          + authorizeUrl
          + ", tokenUrl="
          + tokenUrl
          + ", redirectUri="
          + redirectUri
          + ", stateKey=<redacted>, fallbackApiBaseUrl="
          + fallbackApiBaseUrl
          + "]";
    }
  }
}

package dev.earshot.ingest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ingest-service configuration ({@code earshot.ingest.*}).
 *
 * @param crypto where the credentials keyset comes from
 * @param oauth the deployment's Gong OAuth app and callback
 * @param allowedLocalGongOrigins loopback origins allowed besides *.gong.io (local profile only)
 * @param refreshAhead refresh OAuth tokens this long before they expire (default 5 minutes)
 * @param publicBaseUrl where this service is reachable, for webhook URLs
 */
@Validated
@ConfigurationProperties("earshot.ingest")
public record IngestProperties(
    @DefaultValue Crypto crypto,
    @DefaultValue OAuth oauth,
    @DefaultValue Set<String> allowedLocalGongOrigins,
    @DefaultValue("5m") Duration refreshAhead,
    @DefaultValue("http://localhost:8081") String publicBaseUrl) {

  /**
   * @param keyset Tink keyset JSON (usually from the EARSHOT_INGEST_KEYSET environment variable)
   * @param keysetFile a mounted keyset file, read when {@code keyset} is blank
   * @param generateIfMissing create {@code keysetFile} when absent (local profile only)
   */
  public record Crypto(
      String keyset, Path keysetFile, @DefaultValue("false") boolean generateIfMissing) {}

  /**
   * @param clientId the deployment's OAuth client id (orgs may paste their own instead)
   * @param clientSecret its secret
   * @param authorizeUrl Gong's authorize endpoint
   * @param tokenUrl Gong's token endpoint
   * @param redirectUri this service's callback, registered with the Gong app
   * @param stateKey HMAC key (at least 32 characters) that signs OAuth states
   */
  public record OAuth(
      String clientId,
      String clientSecret,
      @DefaultValue("https://app.gong.io/oauth2/authorize") URI authorizeUrl,
      @DefaultValue("https://app.gong.io/oauth2/generate-customer-token") URI tokenUrl,
      @DefaultValue("http://localhost:8082/api/v1/connections/oauth/callback") String redirectUri,
      String stateKey) {}
}

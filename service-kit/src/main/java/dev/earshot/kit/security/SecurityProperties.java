package dev.earshot.kit.security;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code earshot.security.*}.
 *
 * @param localIssuer issue and trust tokens signed by a key of this process (local profile only)
 * @param localIssuerKeyFile where that key is kept (created when absent), so several local services
 *     trust each other's tokens; empty: a key per process
 * @param openPaths paths reachable without a token besides health, metrics and the API document
 * @param internalAudience the audience a service token must name to reach this service's internal
 *     API ({@code /internal/**}): a token with {@code role: service} whose {@code aud} names it
 *     (issued to another Earshot service by the identity provider's client-credentials grant).
 *     Service tokens reach nothing else, and user tokens never reach the internal API. In
 *     production the service's {@code spring.security.oauth2.resourceserver.jwt.audiences} must
 *     list it too, so the decoder accepts such tokens at all; the local issuer's decoder accepts it
 *     on its own.
 */
@ConfigurationProperties("earshot.security")
public record SecurityProperties(
    @DefaultValue("false") boolean localIssuer,
    Path localIssuerKeyFile,
    @DefaultValue List<String> openPaths,
    @DefaultValue("earshot-internal") String internalAudience) {}

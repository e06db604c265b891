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
 */
@ConfigurationProperties("earshot.security")
public record SecurityProperties(
    @DefaultValue("false") boolean localIssuer,
    Path localIssuerKeyFile,
    @DefaultValue List<String> openPaths) {}

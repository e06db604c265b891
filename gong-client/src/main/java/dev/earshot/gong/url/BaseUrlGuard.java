package dev.earshot.gong.url;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Normalises and checks a Gong base URL against every {@link BaseUrlPolicy}. The local profile may
 * allow exact loopback origins (the simulator, e.g. {@code http://localhost:8090}); nothing else is
 * ever allowed around the policies.
 */
public final class BaseUrlGuard {

  private final List<BaseUrlPolicy> policies = BaseUrlPolicy.allCurrentPolicies();
  private final Set<String> allowedLocalOrigins;

  private BaseUrlGuard(Set<String> allowedLocalOrigins) {
    this.allowedLocalOrigins = Set.copyOf(allowedLocalOrigins);
  }

  /** The production guard: {@code *.gong.io} over https only. */
  public static BaseUrlGuard gongOnly() {
    return new BaseUrlGuard(Set.of());
  }

  /**
   * A guard that also allows these exact loopback origins ({@code http://localhost:8090}); any
   * origin that is not on a loopback host is refused here, so the allowance cannot widen the net.
   */
  public static BaseUrlGuard allowingLocal(Set<String> loopbackOrigins) {
    for (String origin : loopbackOrigins) {
      String host = URI.create(origin).getHost();
      if (!"localhost".equals(host) && !"127.0.0.1".equals(host)) {
        throw new IllegalArgumentException("only loopback origins may be allowed: " + origin);
      }
    }
    return new BaseUrlGuard(loopbackOrigins);
  }

  /**
   * Normalises {@code input} (scheme added, case folded, trailing slash, {@code :443} and a pasted
   * {@code /v2} removed) and checks it against every policy.
   *
   * @return {@code https://<host>} for a Gong API host (or an allowed local origin as given)
   * @throws BaseUrlRefused naming the failed policy and, for the web-app host, the API host to use
   */
  public GongBaseUrl check(String input) {
    String trimmed = input == null ? "" : input.strip();
    String withoutSlash =
        trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    if (allowedLocalOrigins.contains(withoutSlash)) {
      return new GongBaseUrl(URI.create(withoutSlash));
    }
    CandidateUrl candidate = CandidateUrl.parse(trimmed).withoutApiVersion();
    for (BaseUrlPolicy policy : policies) {
      var violation = policy.violation(candidate);
      if (violation.isPresent()) {
        throw new BaseUrlRefused(policy.name(), violation.get());
      }
    }
    return new GongBaseUrl(URI.create("https://" + candidate.host()));
  }
}

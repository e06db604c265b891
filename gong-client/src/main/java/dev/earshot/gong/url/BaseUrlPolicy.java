package dev.earshot.gong.url;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One rule a Gong base URL must satisfy. The guard applies {@link #allCurrentPolicies()} in order
 * and refuses at the first violation, before any request leaves.
 */
interface BaseUrlPolicy {

  /** The reason the URL is refused, or empty when it passes. */
  Optional<String> violation(CandidateUrl url);

  default String name() {
    return getClass().getSimpleName();
  }

  static List<BaseUrlPolicy> allCurrentPolicies() {
    return List.of(
        new IsPresent(),
        new HttpsOnly(),
        new NoUserInfo(),
        new HasAPlainHost(),
        new NoIpLiteral(),
        new DefaultPortOnly(),
        new HostEndsInGongIo(),
        new NotTheWebAppHost(),
        new NothingAfterTheHost());
  }

  final class IsPresent implements BaseUrlPolicy {
    @Override
    public Optional<String> violation(CandidateUrl url) {
      return url.raw().isEmpty() ? Optional.of("a base URL is required") : Optional.empty();
    }
  }

  /** Credentials must never travel in clear text. */
  final class HttpsOnly implements BaseUrlPolicy {
    @Override
    public Optional<String> violation(CandidateUrl url) {
      return "https".equals(url.scheme())
          ? Optional.empty()
          : Optional.of("only https is allowed, not " + url.scheme());
    }
  }

  /** {@code https://api.gong.io@evil.example} would send the request to evil.example. */
  final class NoUserInfo implements BaseUrlPolicy {
    @Override
    public Optional<String> violation(CandidateUrl url) {
      return url.userInfo() == null
          ? Optional.empty()
          : Optional.of("user-info (user@ or user:password@) is not allowed");
    }
  }

  /** Only letters, digits, dots and hyphens: no percent-encoding, wildcards or odd unicode. */
  final class HasAPlainHost implements BaseUrlPolicy {
    private static final Pattern HOST = Pattern.compile("[a-z0-9.\\[\\]:-]+");

    @Override
    public Optional<String> violation(CandidateUrl url) {
      String host = url.host();
      if (host == null || host.isEmpty()) {
        return Optional.of("the URL has no host");
      }
      if (!HOST.matcher(host).matches() || host.contains("..") || host.startsWith(".")) {
        return Optional.of("the host contains characters a Gong host never has");
      }
      return Optional.empty();
    }
  }

  /** IP literals (v4, v6, and numeric forms like 2130706433 or 0x7f.1) reach internal hosts. */
  final class NoIpLiteral implements BaseUrlPolicy {
    private static final Pattern NUMERIC_LABELS =
        Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?$");

    @Override
    public Optional<String> violation(CandidateUrl url) {
      String host = url.host();
      if (host.startsWith("[") || host.contains(":") || NUMERIC_LABELS.matcher(host).matches()) {
        return Optional.of("IP addresses are not allowed; use your Gong API host name");
      }
      return Optional.empty();
    }
  }

  /** Gong serves its API on 443 only. */
  final class DefaultPortOnly implements BaseUrlPolicy {
    @Override
    public Optional<String> violation(CandidateUrl url) {
      return url.port() == -1 || url.port() == 443
          ? Optional.empty()
          : Optional.of("no port other than the default https port is allowed");
    }
  }

  /** The host must be gong.io or a subdomain of it: lookalikes like evilgong.io fail. */
  final class HostEndsInGongIo implements BaseUrlPolicy {
    @Override
    public Optional<String> violation(CandidateUrl url) {
      String host = url.host();
      return host.endsWith(".gong.io")
          ? Optional.empty()
          : Optional.of("the host must end in .gong.io, not " + host);
    }
  }

  /**
   * {@code app.gong.io} and {@code <tenant>.app.gong.io} serve Gong's web app (the host in every
   * call link and in the browser while reading Gong's API page), not its API: requests there fail
   * in ways that look like bad credentials. The API host is {@code <tenant>.api.gong.io} or {@code
   * api.gong.io} (Gong's API page; field case 12: runmorph's Gong mapper, airbyte #25052).
   */
  final class NotTheWebAppHost implements BaseUrlPolicy {
    @Override
    public Optional<String> violation(CandidateUrl url) {
      String host = url.host();
      if ("app.gong.io".equals(host)) {
        return Optional.of(
            "app.gong.io is Gong's web app, not its API; use the API base URL shown on Gong's"
                + " API page (Company settings > Ecosystem > API), such as https://api.gong.io or"
                + " https://us-12345.api.gong.io");
      }
      if (host.endsWith(".app.gong.io")) {
        String tenant = host.substring(0, host.length() - ".app.gong.io".length());
        return Optional.of(
            host
                + " is Gong's web app, not its API; use https://"
                + tenant
                + ".api.gong.io (the API base URL shown on Gong's API page)");
      }
      return Optional.empty();
    }
  }

  /** A base URL is scheme and host; paths, queries and fragments hide tricks. */
  final class NothingAfterTheHost implements BaseUrlPolicy {
    @Override
    public Optional<String> violation(CandidateUrl url) {
      String rest = url.rest();
      return rest.isEmpty() || "/".equals(rest)
          ? Optional.empty()
          : Optional.of("the base URL must not have a path, query or fragment");
    }
  }
}

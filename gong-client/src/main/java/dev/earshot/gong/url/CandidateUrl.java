package dev.earshot.gong.url;

/**
 * A base URL as typed by a person, parsed but not yet trusted.
 *
 * @param raw the input, trimmed
 * @param scheme lower-case scheme (https assumed when none was given)
 * @param userInfo user-info part, or null
 * @param host lower-case host, or null when none could be read
 * @param port explicit port, or -1
 * @param rest path, query and fragment after the authority
 */
record CandidateUrl(
    String raw, String scheme, String userInfo, String host, int port, String rest) {

  static CandidateUrl parse(String input) {
    String raw = input == null ? "" : input.strip();
    String remainder = raw;
    String scheme = "https";
    int schemeEnd = raw.indexOf("://");
    if (schemeEnd >= 0) {
      scheme = raw.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
      remainder = raw.substring(schemeEnd + 3);
    } else if (raw.matches("(?i)^[a-z][a-z0-9+.-]*:.*") && !raw.matches("^[^:/]+:\\d+.*")) {
      // "javascript:...", "file:..." without slashes
      scheme = raw.substring(0, raw.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
      remainder = raw.substring(raw.indexOf(':') + 1);
    }
    int authorityEnd = firstIndexOf(remainder, '/', '?', '#', '\\');
    String authority = authorityEnd < 0 ? remainder : remainder.substring(0, authorityEnd);
    String rest = authorityEnd < 0 ? "" : remainder.substring(authorityEnd);
    String userInfo = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
    }
    String host = authority;
    int port = -1;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close < 0 ? authority : authority.substring(0, close + 1);
      String after = close < 0 ? "" : authority.substring(close + 1);
      port = after.startsWith(":") ? parsePort(after.substring(1)) : -1;
    } else if (authority.indexOf(':') >= 0) {
      host = authority.substring(0, authority.indexOf(':'));
      port = parsePort(authority.substring(authority.indexOf(':') + 1));
    }
    return new CandidateUrl(
        raw, scheme, userInfo, host.toLowerCase(java.util.Locale.ROOT), port, rest);
  }

  /**
   * The same URL without a pasted API version path ({@code /v2} or {@code /v2/}, any case): Earshot
   * adds the version to each request itself, and admins copy bases such as {@code
   * https://api.gong.io/v2} from other tools (field case 12: dust-tt's {@code gong_api.ts}).
   * Nothing else after the host is touched.
   */
  CandidateUrl withoutApiVersion() {
    return rest.matches("(?i)/v2/?")
        ? new CandidateUrl(raw, scheme, userInfo, host, port, "")
        : this;
  }

  private static int parsePort(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -2;
    }
  }

  private static int firstIndexOf(String text, char... chars) {
    int best = -1;
    for (char c : chars) {
      int i = text.indexOf(c);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }
}

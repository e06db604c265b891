package dev.earshot.extraction.company;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Web and email domains as the directory compares them. */
public final class Domains {

  /** Labels of letters, digits and hyphens, at least two of them, the last alphabetic. */
  private static final Pattern DOMAIN =
      Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}");

  private Domains() {}

  /**
   * The domain in {@code raw} in the form the directory keeps: lower case, without scheme, {@code
   * www.}, path, port or trailing dot ({@code "https://www.Acme.com/about"} is {@code acme.com});
   * empty when what is left is not a domain name.
   */
  public static Optional<String> normalise(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String d = raw.strip().toLowerCase(Locale.ROOT);
    int scheme = d.indexOf("://");
    if (scheme >= 0) {
      d = d.substring(scheme + 3);
    }
    int at = d.lastIndexOf('@');
    if (at >= 0) {
      d = d.substring(at + 1);
    }
    for (char end : new char[] {'/', '?', '#', ':'}) {
      int cut = d.indexOf(end);
      if (cut >= 0) {
        d = d.substring(0, cut);
      }
    }
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.startsWith("www.")) {
      d = d.substring(4);
    }
    return d.length() <= 253 && DOMAIN.matcher(d).matches() ? Optional.of(d) : Optional.empty();
  }

  /** The domain of an email address ({@code Ann@Mail.Acme.com} is {@code mail.acme.com}). */
  public static Optional<String> ofEmail(String email) {
    if (email == null || email.indexOf('@') <= 0) {
      return Optional.empty();
    }
    return normalise(email.substring(email.lastIndexOf('@') + 1));
  }

  /**
   * The domain and each parent with at least two labels, nearest first ({@code eu.mail.acme.co.uk}:
   * itself, {@code mail.acme.co.uk}, {@code acme.co.uk}, {@code co.uk}).
   */
  public static List<String> selfAndParents(String domain) {
    List<String> out = new ArrayList<>();
    String d = domain;
    while (d.indexOf('.') > 0) {
      out.add(d);
      d = d.substring(d.indexOf('.') + 1);
    }
    return out;
  }
}

package dev.earshot.extraction.company;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Domains of free e-mail providers (gmail.com, outlook.com, …), whose users never map a call to a
 * company. The list is the npm package {@code free-email-domains} 1.12.6 (Kikobeats, MIT, 14 125
 * domains), vendored as {@code free-email-domains.txt} beside this class with its licence; a
 * sub-domain of a listed domain is free mail too.
 */
public final class FreeMailDomains {

  static final String RESOURCE = "free-email-domains.txt";

  private final Set<String> domains;

  FreeMailDomains(Set<String> domains) {
    this.domains = Set.copyOf(domains);
  }

  /** The vendored list. */
  public static FreeMailDomains vendored() {
    try (InputStream in = FreeMailDomains.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Set<String> domains = new HashSet<>();
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String d = line.strip();
          if (!d.isEmpty() && !d.startsWith("#")) {
            domains.add(d);
          }
        }
      }
      return new FreeMailDomains(domains);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Whether {@code domain} (normalised) or one of its parents is a free-mail domain. */
  public boolean contains(String domain) {
    return Domains.selfAndParents(domain).stream().anyMatch(domains::contains);
  }

  /** How many domains the list holds. */
  public int size() {
    return domains.size();
  }
}

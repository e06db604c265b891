package dev.earshot.extraction.directory;

import dev.earshot.extraction.company.CompanyDirectory;
import dev.earshot.extraction.company.FreeMailDomains;
import dev.earshot.extraction.company.KnownCompany;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Loads an org's company directory from an upload: merging (the uploaded companies are put, others
 * stay) or replacing (the others are deleted with tombstones), published to crm.companies.v1 in one
 * Kafka transaction. Answers once this replica's directory shows the upload (at most {@link
 * #VISIBLE_WITHIN}; other replicas read it within moments).
 */
@Service
public class LoadingCompanies {

  /** How long an upload waits to see itself in this replica's directory. */
  static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

  private final CompanyFiles files;
  private final CompanyPublisher publisher;
  private final CompanyDirectory directory;
  private final Clock clock;

  LoadingCompanies(
      FreeMailDomains freeMail,
      CompanyPublisher publisher,
      CompanyDirectory directory,
      Clock clock) {
    this.files = new CompanyFiles(freeMail);
    this.publisher = publisher;
    this.directory = directory;
    this.clock = clock;
  }

  /** The upload's format. */
  public enum Format {
    CSV,
    JSON
  }

  /**
   * What an upload did.
   *
   * @param loaded companies put
   * @param deleted companies deleted (replace only)
   * @param companies companies of the org's directory afterwards
   * @param visible whether this replica's directory showed the upload before the answer
   */
  public record Loaded(int loaded, int deleted, int companies, boolean visible) {}

  /**
   * @param replace whether companies of the org missing from the upload are deleted
   * @throws InvalidCompanies when the upload is unreadable or a row invalid (nothing is loaded)
   */
  public Loaded load(String orgId, Format format, String body, boolean replace) {
    List<CompanyRow> rows = format == Format.CSV ? files.csv(body) : files.json(body);
    // milliseconds: what crm.companies.v1 keeps (timestamp-millis), so the read-back compares equal
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<KnownCompany> companies =
        rows.stream()
            .map(r -> new KnownCompany(orgId, r.id(), r.name(), r.crmIds(), r.domains(), now))
            .toList();
    Set<String> uploaded = new HashSet<>();
    rows.forEach(r -> uploaded.add(r.id()));
    List<String> deleted =
        replace
            ? directory.of(orgId).companies().stream()
                .map(KnownCompany::companyId)
                .filter(id -> !uploaded.contains(id))
                .toList()
            : List.of();
    publisher.publish(orgId, companies, deleted);
    boolean visible = awaitVisible(orgId, companies, deleted);
    return new Loaded(
        companies.size(), deleted.size(), directory.of(orgId).companies().size(), visible);
  }

  /** The org's directory as this replica holds it, by company id. */
  public List<KnownCompany> list(String orgId) {
    return directory.of(orgId).companies();
  }

  private boolean awaitVisible(String orgId, List<KnownCompany> put, List<String> deleted) {
    long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      CompanyDirectory.OrgDirectory now = directory.of(orgId);
      boolean all =
          put.stream()
                  .allMatch(
                      c ->
                          now.company(c.companyId())
                              .filter(seen -> !seen.updatedAt().isBefore(c.updatedAt()))
                              .isPresent())
              && deleted.stream().allMatch(id -> now.company(id).isEmpty());
      if (all) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}

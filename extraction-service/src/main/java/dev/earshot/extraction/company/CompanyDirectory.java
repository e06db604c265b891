package dev.earshot.extraction.company;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Every org's company directory, held in memory: each replica reads the whole compacted topic
 * crm.companies.v1 at start and keeps applying it, so the directory is the topic's latest value per
 * key. A directory of thousands of companies per org is a few hundred bytes each, so even a hundred
 * orgs of ten thousand companies fit in a few hundred megabytes; orgs far beyond that would want an
 * indexed store instead.
 *
 * <p>Thread-safe: one reader applies the topic while listeners and the API read. Reads of an org go
 * through an {@link OrgDirectory} snapshot with its lookup indexes, rebuilt after a change.
 */
public final class CompanyDirectory {

  /** By topic key ({@code orgId/companyId}), so a tombstone finds what it deletes. */
  private final Map<String, KnownCompany> byKey = new ConcurrentHashMap<>();

  private final Map<String, OrgDirectory> snapshots = new ConcurrentHashMap<>();
  private final CountDownLatch loaded = new CountDownLatch(1);

  /** Puts (or replaces) the company under its topic key. */
  public void put(String key, KnownCompany company) {
    KnownCompany before = byKey.put(key, company);
    snapshots.remove(company.orgId());
    if (before != null && !before.orgId().equals(company.orgId())) {
      snapshots.remove(before.orgId());
    }
  }

  /** Removes whatever company the key held (a tombstone); nothing when it held none. */
  public void remove(String key) {
    KnownCompany removed = byKey.remove(key);
    if (removed != null) {
      snapshots.remove(removed.orgId());
    }
  }

  /** The org's directory as it is now, with its lookup indexes. */
  public OrgDirectory of(String orgId) {
    return snapshots.computeIfAbsent(
        orgId,
        org ->
            new OrgDirectory(
                org,
                byKey.values().stream()
                    .filter(c -> c.orgId().equals(org))
                    .sorted(Comparator.comparing(KnownCompany::companyId))
                    .toList()));
  }

  /** The org's company with this id. */
  public Optional<KnownCompany> find(String orgId, String companyId) {
    return of(orgId).company(companyId);
  }

  /** Number of companies per org, for metrics. */
  public Map<String, Long> sizes() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    byKey.values().forEach(c -> sizes.merge(c.orgId(), 1L, Long::sum));
    return sizes;
  }

  /** Called once the topic was read up to where it ended when this replica started. */
  public void markLoaded() {
    loaded.countDown();
  }

  public boolean isLoaded() {
    return loaded.getCount() == 0;
  }

  /**
   * Waits until the directory is loaded.
   *
   * @throws DirectoryNotLoaded when it is not within {@code timeout} (the topic cannot be read yet:
   *     an outage, retried)
   */
  public void awaitLoaded(Duration timeout) {
    try {
      if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DirectoryNotLoaded(timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DirectoryNotLoaded(timeout);
    }
  }

  /** The company directory could not be read in time: calls wait for it. */
  public static final class DirectoryNotLoaded extends RuntimeException {
    DirectoryNotLoaded(Duration waited) {
      super(
          "the company directory (crm.companies.v1) was not read within "
              + waited.toSeconds()
              + " s; calls are mapped once it is");
    }
  }

  /** One org's companies with their lookup indexes: CRM account id and domain to companies. */
  public static final class OrgDirectory {

    private final String orgId;
    private final List<KnownCompany> companies;
    private final Map<String, List<KnownCompany>> byCrmId = new HashMap<>();
    private final Map<String, List<KnownCompany>> byDomain = new HashMap<>();

    /**
     * @param orgId the org
     * @param companies its companies, by company id
     */
    public OrgDirectory(String orgId, List<KnownCompany> companies) {
      this.orgId = orgId;
      this.companies = List.copyOf(companies);
      for (KnownCompany c : this.companies) {
        c.crmIds().stream()
            .map(CrmRef::id)
            .distinct()
            .forEach(id -> byCrmId.computeIfAbsent(id, k -> new ArrayList<>()).add(c));
        c.domains().stream()
            .distinct()
            .forEach(d -> byDomain.computeIfAbsent(d, k -> new ArrayList<>()).add(c));
      }
    }

    public String orgId() {
      return orgId;
    }

    /** Its companies, by company id. */
    public List<KnownCompany> companies() {
      return companies;
    }

    public Optional<KnownCompany> company(String companyId) {
      return companies.stream().filter(c -> c.companyId().equals(companyId)).findFirst();
    }

    /** The companies having this CRM account id (in any CRM), by company id. */
    public List<KnownCompany> byCrmId(String accountId) {
      return List.copyOf(byCrmId.getOrDefault(accountId.strip(), List.of()));
    }

    /** The companies having exactly this domain, by company id. */
    public List<KnownCompany> byDomain(String domain) {
      return List.copyOf(byDomain.getOrDefault(domain, List.of()));
    }

    public boolean isEmpty() {
      return companies.isEmpty();
    }
  }
}

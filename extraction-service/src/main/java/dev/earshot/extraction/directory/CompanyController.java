package dev.earshot.extraction.directory;

import dev.earshot.kit.security.CurrentOrg;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The org's company directory: admins load it from CSV ({@code text/csv}) or JSON ({@code
 * application/json}) — {@code PUT} replaces it (companies not in the upload are deleted), {@code
 * POST} merges into it — and members and admins list it. The org is the token's; another org's
 * companies are never seen. Format: {@link CompanyFiles}.
 */
@RestController
@RequestMapping("/api/v1/companies")
class CompanyController {

  private final LoadingCompanies loading;

  CompanyController(LoadingCompanies loading) {
    this.loading = loading;
  }

  /** The org's companies, by id. */
  @GetMapping
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  CompanyList list(@AuthenticationPrincipal Jwt jwt) {
    List<CompanyView> companies =
        loading.list(CurrentOrg.of(jwt).orgId()).stream().map(CompanyView::of).toList();
    return new CompanyList(companies, companies.size());
  }

  /** One company of the org. */
  @GetMapping("/{id}")
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  CompanyView one(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
    return loading.list(CurrentOrg.of(jwt).orgId()).stream()
        .filter(c -> c.companyId().equals(id))
        .findFirst()
        .map(CompanyView::of)
        .orElseThrow(() -> CompanyProblems.noSuchCompany(id));
  }

  /** Replaces the org's directory with the upload. */
  @PutMapping(consumes = "*/*")
  @PreAuthorize("hasRole('ADMIN')")
  LoadingCompanies.Loaded replace(
      @AuthenticationPrincipal Jwt jwt,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestBody(required = false) String body) {
    return load(jwt, contentType, body, true);
  }

  /** Merges the upload into the org's directory. */
  @PostMapping(consumes = "*/*")
  @PreAuthorize("hasRole('ADMIN')")
  LoadingCompanies.Loaded merge(
      @AuthenticationPrincipal Jwt jwt,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestBody(required = false) String body) {
    return load(jwt, contentType, body, false);
  }

  private LoadingCompanies.Loaded load(Jwt jwt, String contentType, String body, boolean replace) {
    String org = CurrentOrg.of(jwt).orgId();
    LoadingCompanies.Format format = format(contentType);
    try {
      return loading.load(org, format, body == null ? "" : body, replace);
    } catch (InvalidCompanies invalid) {
      throw CompanyProblems.invalid(invalid);
    }
  }

  private static LoadingCompanies.Format format(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("text/csv")) {
      return LoadingCompanies.Format.CSV;
    }
    if (type.startsWith("application/json")) {
      return LoadingCompanies.Format.JSON;
    }
    throw CompanyProblems.unsupportedType(contentType);
  }

  /**
   * @param items the org's companies, by id
   * @param total how many
   */
  record CompanyList(List<CompanyView> items, int total) {}
}

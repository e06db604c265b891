package dev.earshot.testing;

import java.time.Duration;

/**
 * Bearer tokens as the services' API tests use them: an org's admin or member, subject {@code
 * <role>@<org>}, valid {@link #LIFETIME}, from the service's own local issuer (service-kit's {@code
 * LocalTokenIssuer}, passed as its {@code issue} method so this module needs no service-kit):
 *
 * <pre>{@code
 * @Autowired LocalTokenIssuer tokens;
 * String admin = TestTokens.admin(tokens::issue, "org-1");
 * }</pre>
 */
public final class TestTokens {

  /** How long a test's token is valid: longer than any test takes. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  /** A token issuer: {@code LocalTokenIssuer::issue}. */
  @FunctionalInterface
  public interface Issuer {
    /** A token for {@code subject} acting as {@code role} in {@code orgId}, valid {@code ttl}. */
    String issue(String orgId, String role, String subject, Duration ttl);
  }

  private TestTokens() {}

  /** A token for {@code admin@<orgId>}, an admin of {@code orgId}. */
  public static String admin(Issuer issuer, String orgId) {
    return of(issuer, orgId, "admin");
  }

  /** A token for {@code member@<orgId>}, a member of {@code orgId}. */
  public static String member(Issuer issuer, String orgId) {
    return of(issuer, orgId, "member");
  }

  private static String of(Issuer issuer, String orgId, String role) {
    return issuer.issue(orgId, role, role + "@" + orgId, LIFETIME);
  }
}

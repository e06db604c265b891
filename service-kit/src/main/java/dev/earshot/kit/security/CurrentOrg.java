package dev.earshot.kit.security;

import dev.earshot.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** The org and subject a request acts for, from its JWT; a token without an org is refused. */
public record CurrentOrg(String orgId, String subject) {

  public static CurrentOrg of(Jwt jwt) {
    String org = jwt.getClaimAsString("org");
    if (org == null || org.isBlank()) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          "no-org",
          "No org in token",
          "The access token carries no org claim; request a token for an Earshot org.");
    }
    return new CurrentOrg(org, jwt.getSubject() == null ? "unknown" : jwt.getSubject());
  }
}

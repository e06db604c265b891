package dev.earshot.gong.simulator;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gong's OAuth pages over HTTP ({@code GET}/{@code POST /oauth2/authorize}, the consent page and
 * its form, and {@code POST /oauth2/generate-customer-token}); what they decide is {@link
 * OAuthProvider}'s.
 */
final class OAuthPages {

  private final OAuthProvider oauth;
  private final SimulatorClock clock;
  private final Counters counters;
  private final Supplier<String> baseUrl;

  /**
   * @param baseUrl the simulator's base URL, named in issued tokens as the API's
   */
  OAuthPages(
      OAuthProvider oauth, SimulatorClock clock, Counters counters, Supplier<String> baseUrl) {
    this.oauth = oauth;
    this.clock = clock;
    this.counters = counters;
    this.baseUrl = baseUrl;
  }

  /**
   * Answers {@code ex} when it is one of the OAuth pages' requests.
   *
   * @return false when the method and path are not OAuth's (nothing was sent)
   */
  boolean handle(Exchange ex) throws IOException {
    switch (ex.method() + " " + ex.path()) {
      case "GET /oauth2/authorize" -> authorizePage(ex);
      case "POST /oauth2/authorize" -> consent(ex);
      case "POST /oauth2/generate-customer-token" -> tokenEndpoint(ex);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void authorizePage(Exchange ex) throws IOException {
    switch (oauth.authorize(ex.query())) {
      case OAuthProvider.ErrorPage page ->
          ex.send(400, "text/html; charset=utf-8", Html.error(page.error(), page.description()));
      case OAuthProvider.RedirectWithError redirect -> ex.redirect(redirect.location());
      case OAuthProvider.ShowConsent consent ->
          ex.send(
              200,
              "text/html; charset=utf-8",
              Html.consent(
                  consent.clientId(), consent.redirectUri(), consent.scopes(), consent.state()));
    }
  }

  private void consent(Exchange ex) throws IOException {
    Map<String, String> form = ex.params();
    OAuthProvider.AuthorizeCheck check = oauth.authorize(form);
    if (!(check instanceof OAuthProvider.ShowConsent consent)) {
      ex.send(
          400,
          "text/html; charset=utf-8",
          Html.error("invalid_request", "The consent form is not valid."));
      return;
    }
    boolean allowed = "allow".equals(form.get("decision"));
    ex.redirect(
        oauth.consent(
            consent.clientId(),
            consent.redirectUri(),
            consent.scopes(),
            consent.state(),
            allowed,
            clock.now()));
  }

  private void tokenEndpoint(Exchange ex) throws IOException {
    switch (oauth.token(ex.header("Authorization"), ex.params(), baseUrl.get(), clock.now())) {
      case OAuthProvider.Issued issued -> {
        counters.increment("oauth.tokens_issued");
        ex.json(200, issued.body());
      }
      case OAuthProvider.TokenError failure -> {
        counters.increment("oauth.token_errors");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", failure.error());
        body.put("error_description", failure.description());
        ex.json(failure.status(), body);
      }
    }
  }
}

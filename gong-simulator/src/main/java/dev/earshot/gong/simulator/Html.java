package dev.earshot.gong.simulator;

import java.util.Set;

/** The two pages an admin sees during Gong's OAuth: consent, and an error. */
final class Html {

  private Html() {}

  static String consent(String clientId, String redirectUri, Set<String> scopes, String state) {
    StringBuilder list = new StringBuilder();
    scopes.forEach(s -> list.append("<li>").append(escape(s)).append("</li>"));
    return """
        <!doctype html><html><head><title>Gong - Authorize app</title></head><body>
        <h1>Authorize %s</h1>
        <p>This app asks for company-wide access to:</p><ul>%s</ul>
        <form method="post" action="/oauth2/authorize">
          <input type="hidden" name="client_id" value="%s">
          <input type="hidden" name="redirect_uri" value="%s">
          <input type="hidden" name="response_type" value="code">
          <input type="hidden" name="scope" value="%s">
          <input type="hidden" name="state" value="%s">
          <button type="submit" name="decision" value="allow">Allow</button>
          <button type="submit" name="decision" value="deny">Deny</button>
        </form></body></html>
        """
        .formatted(
            escape(clientId),
            list,
            escape(clientId),
            escape(redirectUri),
            escape(String.join(" ", scopes)),
            escape(state == null ? "" : state));
  }

  static String error(String error, String description) {
    return "<!doctype html><html><body><h1>"
        + escape(error)
        + "</h1><p>"
        + escape(description)
        + "</p></body></html>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}

package dev.earshot.gong.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Gong API v2 operations a proxy may forward: those that only read, by method and path. The
 * list comes from Gong's OpenAPI description of API v2 (the operation inventory published at {@code
 * https://gong.app.gong.io/ajax/settings/api/documentation/specs}, tags Calls, Users, Stats,
 * Settings, Library, CRM, Outcomes, Coaching): a {@code GET} that lists or gets, and the {@code
 * POST}s Gong uses to read with a filter in the body ({@code /v2/calls/extensive}, {@code
 * /v2/users/extensive}, {@code /v2/stats/...}).
 *
 * <p>Left out on purpose, though they read: {@code POST /v2/calls/transcript} (a transcript says
 * nothing of the call's privacy, and Earshot never reads a private call's words; transcripts of
 * calls Earshot fetched are in its own calls API), {@code GET /v2/data-privacy/*} (every reference
 * to a person across the company), {@code GET /v2/entities/*} (Gong's generative answers), {@code
 * POST /v2/calls/users-access} and {@code GET /v2/library/folder-content} (call lists without a
 * privacy flag). Every write (upload, update, delete, assign, erase) is refused by not being here.
 */
public final class GongReadOperations {

  /** What of a call an operation's answer carries, so a proxy can withhold private calls. */
  public enum Calls {
    /** No call data. */
    NONE,
    /** {@code GET /v2/calls}: {@code calls[]}, each with {@code isPrivate}. */
    LISTED,
    /** {@code GET /v2/calls/{id}}: one {@code call} with {@code isPrivate}. */
    ONE,
    /** {@code POST /v2/calls/extensive}: {@code calls[]}, each with {@code metaData.isPrivate}. */
    EXTENSIVE
  }

  /**
   * One allowed operation.
   *
   * @param method {@code GET} or {@code POST}
   * @param template the path as Gong documents it, {@code {id}} standing for one id segment
   * @param calls what of a call its answer carries
   */
  public record Operation(String method, String template, Calls calls) {

    boolean matches(String method, String path) {
      return this.method.equals(method) && pattern().matcher(path).matches();
    }

    private Pattern pattern() {
      return Pattern.compile(template.replace("{id}", "[A-Za-z0-9_-]{1,64}"));
    }
  }

  /** The allow-list, in Gong's order of tags. */
  public static final List<Operation> ALLOWED =
      List.of(
          new Operation("GET", "/v2/calls", Calls.LISTED),
          new Operation("GET", "/v2/calls/{id}", Calls.ONE),
          new Operation("POST", "/v2/calls/extensive", Calls.EXTENSIVE),
          new Operation("GET", "/v2/users", Calls.NONE),
          new Operation("GET", "/v2/users/{id}", Calls.NONE),
          new Operation("GET", "/v2/users/{id}/settings-history", Calls.NONE),
          new Operation("POST", "/v2/users/extensive", Calls.NONE),
          new Operation("POST", "/v2/stats/activity/aggregate", Calls.NONE),
          new Operation("POST", "/v2/stats/activity/aggregate-by-period", Calls.NONE),
          new Operation("POST", "/v2/stats/activity/day-by-day", Calls.NONE),
          new Operation("POST", "/v2/stats/activity/scorecards", Calls.NONE),
          new Operation("POST", "/v2/stats/interaction", Calls.NONE),
          new Operation("GET", "/v2/settings/scorecards", Calls.NONE),
          new Operation("GET", "/v2/settings/trackers", Calls.NONE),
          new Operation("GET", "/v2/workspaces", Calls.NONE),
          new Operation("GET", "/v2/library/folders", Calls.NONE),
          new Operation("GET", "/v2/crm/integrations", Calls.NONE),
          new Operation("GET", "/v2/crm/entity-schema", Calls.NONE),
          new Operation("GET", "/v2/call-outcomes", Calls.NONE),
          new Operation("GET", "/v2/coaching", Calls.NONE));

  /** A path Gong could be asked for: {@code /v2/} then segments of letters, digits, {@code -_.}. */
  private static final Pattern SAFE_PATH = Pattern.compile("/v2(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

  private GongReadOperations() {}

  /**
   * Checks a request against the allow-list.
   *
   * @param method the HTTP method, any case
   * @param path the Gong API path, e.g. {@code /v2/calls/extensive} (no query)
   * @return the operation, or a refusal saying why
   */
  public static Verdict check(String method, String path) {
    String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (path == null || !SAFE_PATH.matcher(path).matches()) {
      return new Verdict.Refused(
          "the path must be a Gong API v2 path such as /v2/calls (letters, digits, '-', '_' and"
              + " '.' in each segment, no '..', no query in the path)");
    }
    if (!verb.equals("GET") && !verb.equals("POST")) {
      return new Verdict.Refused(
          verb + " is not a read: the Gong proxy forwards only GET and Gong's read POSTs");
    }
    Optional<Operation> allowed =
        ALLOWED.stream().filter(operation -> operation.matches(verb, path)).findFirst();
    return allowed
        .<Verdict>map(Verdict.Allowed::new)
        .orElseGet(
            () ->
                new Verdict.Refused(
                    verb
                        + " "
                        + path
                        + " is not on the Gong proxy's read-only allow-list (GET"
                        + " /api/v1/gong shows it)"));
  }

  /**
   * Whether {@code name} may be forwarded as a query parameter name: a letter, then letters and
   * digits, at most 64 characters (Gong's parameters are camel-case words: {@code fromDateTime},
   * {@code cursor}, {@code workspaceId}). Anything else, an underscore or brackets say, is refused
   * before it could change the request's shape.
   */
  public static boolean isQueryParameterName(String name) {
    return name != null && name.matches("[A-Za-z][A-Za-z0-9]{0,63}");
  }

  /** The outcome of {@link #check}. */
  public sealed interface Verdict {
    /** The request matches an allowed operation. */
    record Allowed(Operation operation) implements Verdict {}

    /** The request is refused; {@code reason} says why, for the caller. */
    record Refused(String reason) implements Verdict {}
  }
}

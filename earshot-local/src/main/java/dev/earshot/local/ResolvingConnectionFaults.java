package dev.earshot.local;

import dev.earshot.gong.simulator.AccessKey;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.Realism;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What the demo org's admin does when Gong refuses its connection during a {@code --once} run,
 * through the surfaces a real admin has: ingest-service's REST API ({@link IngestApi}, the admin
 * token) to see the connection and fix it, and the simulator's admin API standing in for Gong's own
 * admin console. Each call to {@link #step()} looks at the connection once and takes at most one
 * admin action (at most one a second):
 *
 * <ul>
 *   <li>{@code unauthorized} (a revoked access key, field case 09): a new access key is created in
 *       Gong ({@link GongSimulator#issueAccessKey}, {@code POST /admin/access-keys}) and the
 *       connection is edited to use it ({@code PATCH /api/v1/connections/current}, which
 *       ingest-service verifies with Gong);
 *   <li>paused (Gong's daily quota, field case 08: 429 with a {@code Retry-After} until UTC
 *       midnight): the company's quota comes back in Gong ({@link GongSimulator#resetQuota}, {@code
 *       POST /admin/quota/reset}, standing in for the wait until midnight), then a health check
 *       ({@code POST /api/v1/connections/current/health}) ends the pause;
 *   <li>{@code forbidden} (a 403 naming no scope, field case 10) or {@code insufficient_scope}: a
 *       health check, repeated while Gong still refuses (each check is one Gong request).
 * </ul>
 *
 * <p>Which of the simulator's scheduled faults fired is read from its admin API ({@code GET
 * /admin/realism}); {@link #describe()} says, per fault, how Earshot showed it and how it was
 * resolved.
 */
final class ResolvingConnectionFaults {

  private static final Logger log = LoggerFactory.getLogger(ResolvingConnectionFaults.class);

  /** Most admin actions on one hold before the run gives up and says so. */
  static final int MOST_ACTIONS_PER_HOLD = 20;

  private static final Duration BETWEEN_ACTIONS = Duration.ofSeconds(1);

  /** The simulator's scheduled faults, by the names {@code GET /admin/realism} uses. */
  static final String FORBID = "forbid";

  static final String EXHAUST_QUOTA = "exhaust_quota";
  static final String REVOKE = "revoke";

  /** A hold the admin is working on: what it looked like, since when, what was done so far. */
  private static final class Open {
    final String fault;
    final String seenAs;
    final long seenAtNanos = System.nanoTime();
    final List<String> actions = new ArrayList<>();

    Open(String fault, String seenAs) {
      this.fault = fault;
      this.seenAs = seenAs;
    }
  }

  /**
   * How one fault was resolved.
   *
   * @param seenAs how ingest-service showed it (status and reason, or the pause)
   * @param resolvedBy the admin's actions, in order
   * @param heldMs from the admin first seeing it to the connection working again
   * @param times how often it was seen (once, unless Gong refused again after a fix)
   */
  record Resolution(String seenAs, List<String> resolvedBy, long heldMs, int times) {}

  private final IngestApi ingest;
  private final GongSimulator gong;
  private final Map<String, Resolution> resolved = new LinkedHashMap<>();
  private Open held;
  private Open paused;
  private long lastActionNanos;

  ResolvingConnectionFaults(IngestApi ingest, GongSimulator gong) {
    this.ingest = ingest;
    this.gong = gong;
  }

  /**
   * Looks at the connection and, if Gong is refusing it, takes the next admin action.
   *
   * @return whether the connection can call Gong now (connected and not paused)
   * @throws IllegalStateException when a hold outlasts {@link #MOST_ACTIONS_PER_HOLD} actions
   */
  synchronized boolean step() {
    JsonNode connection = ingest.connection();
    String status = connection.path("status").asString("");
    boolean isPaused =
        !connection.path("pausedUntil").isNull() && !connection.path("pausedUntil").isMissingNode();
    boolean isHeld = Set.of("unauthorized", "forbidden", "insufficient_scope").contains(status);
    paused =
        track(paused, isPaused, EXHAUST_QUOTA, () -> "paused: " + text(connection, "pauseReason"));
    held =
        track(
            held,
            isHeld,
            switch (status) {
              case "unauthorized" -> REVOKE;
              case "forbidden" -> FORBID;
              default -> status;
            },
            () -> status + ": " + text(connection, "statusReason"));
    if (!isHeld && !isPaused) {
      return true;
    }
    if (System.nanoTime() - lastActionNanos < BETWEEN_ACTIONS.toNanos()) {
      return false;
    }
    lastActionNanos = System.nanoTime();
    if ("unauthorized".equals(status)) {
      replaceRevokedKey(held);
    } else if (isPaused) {
      restoreQuota(paused);
    } else {
      checkHealth(held);
    }
    return false;
  }

  /**
   * Whether every fault the simulator's schedule sets off has fired and been resolved, and nothing
   * is held now. True at once when the schedule is off.
   */
  synchronized boolean allScheduledResolved() {
    if (held != null || paused != null) {
      return false;
    }
    return scheduled().stream().allMatch(fault -> fired(fault) && resolved.containsKey(fault));
  }

  /**
   * Per scheduled fault: {@code fired}, and when it was resolved {@code seen_as}, {@code
   * resolved_by}, {@code held_ms}, {@code times}; a hold that matches no scheduled fault is listed
   * under ingest-service's status.
   */
  synchronized Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String fault : scheduled()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("fired", fired(fault));
      Resolution resolution = resolved.get(fault);
      one.put("resolved", resolution != null);
      if (resolution != null) {
        one.put("seen_as", resolution.seenAs());
        one.put("resolved_by", resolution.resolvedBy());
        one.put("held_ms", resolution.heldMs());
        one.put("times", resolution.times());
      }
      out.put(fault, one);
    }
    resolved.forEach(
        (fault, resolution) -> {
          if (!out.containsKey(fault)) {
            out.put(
                fault,
                Map.of(
                    "fired",
                    false,
                    "resolved",
                    true,
                    "seen_as",
                    resolution.seenAs(),
                    "resolved_by",
                    resolution.resolvedBy()));
          }
        });
    return out;
  }

  /** The faults the simulator's realism schedules (none unless {@code quotaAndRevocation}). */
  List<String> scheduled() {
    Realism realism = gong.config().realism();
    List<String> faults = new ArrayList<>();
    if (!realism.quotaAndRevocation()) {
      return faults;
    }
    if (realism.forbiddenAfter() > 0 && realism.forbiddenRequests() > 0) {
      faults.add(FORBID);
    }
    if (realism.quotaExhaustedAfter() > 0) {
      faults.add(EXHAUST_QUOTA);
    }
    if (realism.revokedAfter() > 0) {
      faults.add(REVOKE);
    }
    return faults;
  }

  private boolean fired(String fault) {
    return firedFor(fault) != null;
  }

  @SuppressWarnings("unchecked")
  private String firedFor(String fault) {
    Map<String, Object> schedule = (Map<String, Object>) gong.realismState().get("schedule");
    Object firedFor = ((Map<String, Object>) schedule.get("fired_for")).get(fault);
    return firedFor == null ? null : firedFor.toString();
  }

  /** Opens a hold when it appears, records its resolution when it is gone. */
  private Open track(
      Open open, boolean holds, String fault, java.util.function.Supplier<String> seenAs) {
    if (holds && open != null && !open.fault.equals(fault)) { // one refusal turned into another
      open = track(open, false, open.fault, seenAs);
    }
    if (holds && open == null) {
      Open seen = new Open(fault, seenAs.get());
      log.atInfo()
          .addKeyValue("fault", fault)
          .addKeyValue("seenAs", seen.seenAs)
          .log("admin: Gong refuses the connection; fixing it");
      return seen;
    }
    if (!holds && open != null) {
      long heldMs = (System.nanoTime() - open.seenAtNanos) / 1_000_000;
      Resolution before = resolved.get(open.fault);
      List<String> actions = new ArrayList<>(before == null ? List.of() : before.resolvedBy());
      actions.addAll(open.actions);
      resolved.put(
          open.fault,
          new Resolution(
              before == null ? open.seenAs : before.seenAs(),
              actions,
              (before == null ? 0 : before.heldMs()) + heldMs,
              (before == null ? 0 : before.times()) + 1));
      log.atInfo()
          .addKeyValue("fault", open.fault)
          .addKeyValue("heldMs", heldMs)
          .addKeyValue("actions", open.actions)
          .log("admin: the connection works again");
      return null;
    }
    return open;
  }

  private void replaceRevokedKey(Open hold) {
    guard(hold);
    AccessKey fresh = gong.issueAccessKey();
    hold.actions.add("new access key in Gong (simulator POST /admin/access-keys)");
    ServiceHttp.Answer answer = ingest.replaceAccessKey(fresh.key(), fresh.secret());
    hold.actions.add("PATCH /api/v1/connections/current with it: " + answer.status());
  }

  private void restoreQuota(Open pause) {
    guard(pause);
    String credential = firedFor(EXHAUST_QUOTA);
    gong.resetQuota(credential);
    pause.actions.add(
        "quota back in Gong (simulator POST /admin/quota/reset, standing in for UTC midnight)");
    checkHealth(pause);
  }

  private void checkHealth(Open hold) {
    guard(hold);
    ServiceHttp.Answer answer = ingest.checkHealth();
    hold.actions.add(
        "POST /api/v1/connections/current/health: "
            + answer.status()
            + " "
            + answer.body().path("status").asString(answer.body().path("type").asString("")));
  }

  private static void guard(Open hold) {
    if (hold.actions.size() >= MOST_ACTIONS_PER_HOLD) {
      throw new IllegalStateException(
          "Gong still refuses the connection ("
              + hold.seenAs
              + ") after "
              + hold.actions.size()
              + " admin actions: "
              + hold.actions);
    }
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isNull() ? "" : node.path(field).asString("");
  }
}

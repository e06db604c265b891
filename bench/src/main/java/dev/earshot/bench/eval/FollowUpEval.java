package dev.earshot.bench.eval;

import dev.earshot.events.Call;
import dev.earshot.events.FollowUp;
import dev.earshot.events.FollowUpAction;
import dev.earshot.events.Quote;
import dev.earshot.extraction.followup.DraftingFollowUps;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.GroundTruth;
import dev.earshot.testing.eval.CorpusCalls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores follow-up action items against the simulator's action ground truth ({@link
 * GroundTruth#actions}): a found item matches a true one when one of its citations is that action's
 * sentence, said by that speaker (a true action matches once; a second item on it, or an item
 * citing no true action, is a false positive). Among matches, the owner side and the due words
 * (exact, case-insensitive; both absent counts as right) are scored too.
 */
public final class FollowUpEval {

  private FollowUpEval() {}

  /**
   * Figures on the simulator corpus.
   *
   * @param items action-item matching over all true actions
   * @param planted recall on the planted actions alone (fp not counted)
   * @param talk recall on the ordinary talk's commitments alone (fp not counted)
   * @param sideRight matched items whose owner side is right
   * @param dueRight matched items whose due words are right
   * @param drafted calls drafted
   * @param skipped calls skipped (no external participants)
   */
  public record Figures(
      Scores items,
      Scores planted,
      Scores talk,
      long sideRight,
      long dueRight,
      int drafted,
      int skipped) {

    public Map<String, Object> asMap() {
      long matched = items.tp();
      return Map.of(
          "action_items", items.asMap(),
          "planted_recall", Scores.round(planted.recall()),
          "talk_recall", Scores.round(talk.recall()),
          "owner_side_accuracy", Scores.round(matched == 0 ? 0 : sideRight / (double) matched),
          "due_accuracy", Scores.round(matched == 0 ? 0 : dueRight / (double) matched),
          "drafted", drafted,
          "skipped", skipped);
    }
  }

  public static Figures onCorpus(DraftingFollowUps drafting, Corpus corpus) {
    Scores all = new Scores(0, 0, 0);
    Scores planted = new Scores(0, 0, 0);
    Scores talk = new Scores(0, 0, 0);
    long side = 0;
    long due = 0;
    int drafted = 0;
    int skipped = 0;
    for (CorpusCall c : CorpusCalls.fetchable(corpus.calls())) {
      Call call = CorpusCalls.toCall(c, "eval-org");
      if (!(drafting.draft(call) instanceof DraftingFollowUps.Result.Drafted d)) {
        skipped++;
        continue;
      }
      drafted++;
      List<Map<String, Object>> truth = GroundTruth.actions(c);
      Set<Integer> matched = new HashSet<>();
      long tp = 0;
      long fp = 0;
      for (FollowUpAction item : d.followUp().getActionItems()) {
        int match = match(item, truth, matched);
        if (match < 0) {
          fp++;
          continue;
        }
        matched.add(match);
        tp++;
        Map<String, Object> t = truth.get(match);
        side += item.getOwnerSide().name().equalsIgnoreCase((String) t.get("side")) ? 1 : 0;
        due += sameDue(item.getDue(), (String) t.get("due")) ? 1 : 0;
      }
      all = all.plus(new Scores(tp, fp, truth.size() - matched.size()));
      for (int g = 0; g < truth.size(); g++) {
        boolean hit = matched.contains(g);
        Scores one = new Scores(hit ? 1 : 0, 0, hit ? 0 : 1);
        if ((Boolean) truth.get(g).get("planted")) {
          planted = planted.plus(one);
        } else {
          talk = talk.plus(one);
        }
      }
    }
    return new Figures(all, planted, talk, side, due, drafted, skipped);
  }

  /**
   * The unmatched true action the item cites, preferring one of the same owner side; -1 if none.
   */
  static int match(FollowUpAction item, List<Map<String, Object>> truth, Set<Integer> matched) {
    int any = -1;
    for (Quote q : item.getCitations()) {
      for (int g = 0; g < truth.size(); g++) {
        Map<String, Object> t = truth.get(g);
        if (matched.contains(g)
            || !q.getText().equals(t.get("sentence"))
            || !((List<?>) t.get("speaker_ids")).contains(q.getSpeakerId())) {
          continue;
        }
        if (item.getOwnerSide().name().equalsIgnoreCase((String) t.get("side"))) {
          return g;
        }
        if (any < 0) {
          any = g;
        }
      }
    }
    return any;
  }

  private static boolean sameDue(String found, String truth) {
    if (found == null || truth == null) {
      return found == null && truth == null;
    }
    return found.strip().toLowerCase(Locale.ROOT).equals(truth.strip().toLowerCase(Locale.ROOT));
  }

  /** One draft as a person checks it: the email, then each action item with its cited sentences. */
  public static String readable(String file, Call call, FollowUp f) {
    StringBuilder b = new StringBuilder();
    b.append("=== ").append(file).append(" — call ").append(call.getCallId()).append('\n');
    b.append("Subject: ").append(f.getSubject()).append('\n');
    b.append(f.getBody()).append("\n\n");
    b.append("Action items (").append(f.getActionItems().size()).append("):\n");
    int n = 1;
    for (FollowUpAction a : f.getActionItems()) {
      b.append(
          String.format(
              "  %d. [%s%s] %s%s%n",
              n++,
              a.getOwnerSide(),
              a.getOwner() == null ? "" : ", " + a.getOwner(),
              a.getText(),
              a.getDue() == null ? "" : " — due: " + a.getDue()));
      for (Quote q : a.getCitations()) {
        b.append(
            String.format(
                "       cites %s @%d-%d ms: \"%s\"%n",
                q.getSpeakerName() == null ? q.getSpeakerId() : q.getSpeakerName(),
                q.getStartMs(),
                q.getEndMs(),
                q.getText()));
      }
    }
    b.append('\n');
    return b.toString();
  }

  /** Counts per call for a set of real calls. */
  public static List<Integer> perCall(List<FollowUp> drafts) {
    List<Integer> out = new ArrayList<>();
    drafts.forEach(d -> out.add(d.getActionItems().size()));
    return out;
  }
}

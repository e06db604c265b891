package dev.earshot.testing.eval;

import dev.earshot.events.Call;
import dev.earshot.events.serde.PlainJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hand-labelled calls as {@code ../shared/eval/calls-dev/} holds them: {@code NN-….call.json} files
 * (a {@code Call} as plain JSON) and {@code labels.jsonl}, one line per call {@code {"call": file,
 * "items": [{"id", "kind", "quotes": [sentence…]}]}}; see that directory's README. Shared by the
 * extraction tests and the bench ({@code ./earshot bench extraction}).
 *
 * @param calls the labelled calls in {@code labels.jsonl} order
 */
public record LabelledCalls(List<Labelled> calls) {

  /** Where the development calls are, seen from a module directory (tests run there). */
  public static final Path FROM_MODULE = Path.of("../../shared/eval/calls-dev");

  /** Where the development calls are, seen from the repository root ({@code ./earshot}). */
  public static final Path FROM_ROOT = Path.of("../shared/eval/calls-dev");

  /**
   * One call and its labels.
   *
   * @param file the call's file name ({@code 11-fmp-claim-p2.call.json}); its product word names
   *     the study ({@link #study()})
   * @param items the labelled items; empty for a call without feedback
   */
  public record Labelled(String file, Call call, List<Label> items) {

    /**
     * The research study a call belongs to, from its file name: {@code CU} (contactus), {@code
     * FMP}, {@code CV} (champva), {@code AVS}, else the product word in upper case.
     */
    public String study() {
      String product = file.replaceFirst("^\\d+-", "").replaceFirst("-.*$", "");
      return switch (product) {
        case "contactus" -> "CU";
        case "fmp" -> "FMP";
        case "champva" -> "CV";
        case "avs" -> "AVS";
        default -> product.toUpperCase(java.util.Locale.ROOT);
      };
    }
  }

  /**
   * One labelled item: its id, kind, quoted sentences and the labeller's summary ({@code ""} when
   * the source has none).
   */
  public record Label(String id, String kind, Set<String> quotes, String summary) {

    /** A label without a summary. */
    public Label(String id, String kind, Set<String> quotes) {
      this(id, kind, quotes, "");
    }
  }

  private static final JsonMapper json = JsonMapper.builder().build();

  /**
   * Reads a directory with {@code labels.jsonl}; every labelled file must exist.
   *
   * @throws IOException when a file cannot be read or parsed
   */
  public static LabelledCalls read(Path dir) throws IOException {
    List<Labelled> calls = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("labels.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = json.readTree(line);
      String file = row.path("call").asString();
      List<Label> items = new ArrayList<>();
      for (JsonNode item : row.path("items")) {
        Set<String> quotes = new java.util.LinkedHashSet<>();
        item.path("quotes").forEach(q -> quotes.add(q.asString().strip()));
        items.add(
            new Label(
                item.path("id").asString(),
                item.path("kind").asString(),
                quotes,
                item.path("summary").asString("")));
      }
      Call call = PlainJson.read(Files.readString(dir.resolve(file)), Call.class);
      calls.add(new Labelled(file, call, List.copyOf(items)));
    }
    return new LabelledCalls(List.copyOf(calls));
  }

  /** Whether a directory holds labelled calls. */
  public static boolean present(Path dir) {
    return Files.isRegularFile(dir.resolve("labels.jsonl"));
  }

  /**
   * True positives, false positives and false negatives.
   *
   * @param tp extracted items (or calls) that match a label
   * @param fp extracted items that match none (every item of a call labelled {@code items: []})
   * @param fn labelled items no extracted item matched
   */
  public record Counts(long tp, long fp, long fn) {
    public Counts plus(Counts o) {
      return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
    }
  }

  /**
   * Item matching as the calls-dev README defines it: an extracted item (given as its quoted
   * sentences) matches a labelled item when one of its quotes is one of the label's quote sentences
   * (quotes are verbatim transcript sentences, so equality after trimming); each label matches
   * once, so a second item on the same label is a false positive.
   */
  public static Counts items(Labelled call, List<List<String>> extracted) {
    return items(call.items(), extracted);
  }

  /** {@link #items(Labelled, List)} against any labels. */
  public static Counts items(List<Label> labels, List<List<String>> extracted) {
    List<Optional<Label>> matches = matches(labels, extracted);
    long tp = matches.stream().filter(Optional::isPresent).count();
    return new Counts(tp, matches.size() - tp, labels.size() - tp);
  }

  /**
   * The label each extracted item (given as its quoted sentences, in order) matches under {@link
   * #items(Labelled, List)}'s rule, or empty: the first label not yet matched that shares a quote.
   */
  public static List<Optional<Label>> matches(List<Label> labels, List<List<String>> extracted) {
    boolean[] matched = new boolean[labels.size()];
    List<Optional<Label>> out = new ArrayList<>();
    for (List<String> quotes : extracted) {
      int match = -1;
      for (int g = 0; g < matched.length && match < 0; g++) {
        if (!matched[g] && overlaps(quotes, labels.get(g).quotes())) {
          match = g;
        }
      }
      if (match >= 0) {
        matched[match] = true;
        out.add(Optional.of(labels.get(match)));
      } else {
        out.add(Optional.empty());
      }
    }
    return out;
  }

  /** Call-level detection: does the call hold feedback, and did the model say so? */
  public static Counts call(Labelled call, List<List<String>> extracted) {
    return call(call.items(), extracted);
  }

  /** {@link #call(Labelled, List)} against any labels. */
  public static Counts call(List<Label> labels, List<List<String>> extracted) {
    boolean gold = !labels.isEmpty();
    boolean predicted = !extracted.isEmpty();
    return new Counts(
        gold && predicted ? 1 : 0, !gold && predicted ? 1 : 0, gold && !predicted ? 1 : 0);
  }

  private static boolean overlaps(List<String> quotes, Set<String> label) {
    return quotes.stream().map(String::strip).anyMatch(label::contains);
  }

  /** The distinct studies, in file order. */
  public List<String> studies() {
    return calls.stream().map(Labelled::study).distinct().collect(Collectors.toList());
  }
}

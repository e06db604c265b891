package dev.earshot.extraction.cli;

import dev.earshot.cli.CommandArgs;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.serde.PlainJson;
import dev.earshot.extraction.ExtractionProperties;
import dev.earshot.extraction.FeedbackModels;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.pipeline.DetectingFeedback;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.kit.cli.ServiceSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The extraction model on files, configured exactly like the service: {@code
 * extraction-service.yaml}, then environment variables ({@code EARSHOT_EXTRACTION_MODEL}, {@code
 * EARSHOT_OPENAI_API_KEY} ...), then {@code --set key=value} flags ({@code --model M} is short for
 * {@code --set earshot.extraction.model=M}).
 *
 * <pre>
 * detect  --in texts.jsonl --out out.jsonl   {"id","text"} lines -> {"id","feedback","kind","score"}
 * extract --in FILE|DIR [--out items.json] [--org ID]
 *         a Call (plain JSON) or a Gong {"call","transcript"} file -> its feedback items;
 *         a directory of them -> {"calls":[{"file","callId","items"}],"skipped":[...],"items":n}
 * </pre>
 *
 * <p>Gong files go through the same translation ingest-service publishes with ({@link
 * dev.earshot.gong.calls.GongCallFile}); a call whose file does not say {@code "isPrivate": false}
 * is never read ({@link InputCall}).
 */
public final class ExtractionCommands {

  private static final JsonMapper json = JsonMapper.builder().build();

  /** The org a Gong file's call is attributed to when {@code --org} is not given. */
  static final String DEFAULT_ORG = "cli";

  private ExtractionCommands() {}

  public static void main(String[] args) throws IOException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    if (args.length == 0 || !List.of("detect", "extract").contains(args[0])) {
      err.println(
          "usage: earshot detect --in texts.jsonl --out out.jsonl [--model M] [--set k=v]...");
      err.println(
          "       earshot extract --in call.json|gong-call.json|DIR [--out items.json] [--org ID]"
              + " [--model M] [--set k=v]...");
      return 2;
    }
    CommandArgs command;
    try {
      command =
          CommandArgs.parse(args, Set.of("--in", "--out", "--org"), "earshot.extraction.model");
    } catch (CommandArgs.Invalid e) {
      err.println("earshot " + args[0] + ": " + e.getMessage());
      return 2;
    }
    boolean detecting = args[0].equals("detect");
    if (!command.has("--in") || (detecting && !command.has("--out"))) {
      err.println(
          "earshot " + args[0] + ": --in" + (detecting ? " and --out are" : " is") + " required");
      return 2;
    }
    Path in = Path.of(command.option("--in"));
    if (!Files.isReadable(in)) {
      err.println("earshot " + args[0] + ": cannot read " + in);
      return 2;
    }
    List<Input> inputs = List.of();
    if (!detecting) { // read before the model is trained: a refused file costs nothing
      inputs = inputs(in, command.has("--org") ? command.option("--org") : DEFAULT_ORG);
      if (!Files.isDirectory(in) && inputs.getFirst().call() == null) {
        err.println("earshot extract: " + in + " " + inputs.getFirst().refusal());
        return 2;
      }
    }
    ExtractionProperties properties = properties(command.settings());
    FeedbackModel model = FeedbackModels.create(properties, MiniLmEmbeddingModel::new);
    err.println("earshot " + args[0] + ": model " + model.info());
    return detecting
        ? detect(model, properties, in, Path.of(command.option("--out")), err)
        : extract(model, properties, in, inputs, command, out, err);
  }

  /** One file read for {@code extract}: its call, or why it is skipped (then {@code call} null). */
  private record Input(String file, Call call, String refusal) {}

  /** The file, or every {@code *.json} directly in the directory in name order, read. */
  private static List<Input> inputs(Path in, String org) throws IOException {
    List<Path> files;
    if (Files.isDirectory(in)) {
      try (Stream<Path> listed = Files.list(in)) {
        files =
            listed
                .filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                .sorted()
                .toList();
      }
    } else {
      files = List.of(in);
    }
    List<Input> inputs = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        inputs.add(
            new Input(
                name, InputCall.read(Files.readString(file, StandardCharsets.UTF_8), org), null));
      } catch (InputCall.Refused refused) {
        inputs.add(new Input(name, null, refused.getMessage()));
      }
    }
    return inputs;
  }

  /**
   * extraction-service's properties as the service would bind them: its YAML, then the environment,
   * then these overrides.
   */
  public static ExtractionProperties properties(Map<String, Object> overrides) {
    return ServiceSettings.bind(
        "extraction-service.yaml", "earshot.extraction", ExtractionProperties.class, overrides);
  }

  private static int detect(
      FeedbackModel model, ExtractionProperties properties, Path in, Path out, PrintStream err)
      throws IOException {
    DetectingFeedback detecting =
        new DetectingFeedback(
            model, FeedbackModels.organising(properties), FeedbackModels.areas(properties));
    int count = 0;
    int feedback = 0;
    List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int n = 0; n < lines.size(); n++) {
        String line = lines.get(n);
        if (line.isBlank()) {
          continue;
        }
        JsonNode row;
        try {
          row = json.readTree(line);
        } catch (tools.jackson.core.JacksonException e) {
          err.println("earshot detect: line " + (n + 1) + " is not JSON; skipped");
          continue;
        }
        if (!row.path("text").isString()) {
          err.println("earshot detect: line " + (n + 1) + " has no \"text\"; skipped");
          continue;
        }
        var d = detecting.detect(row.path("text").asString());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", row.path("id").isMissingNode() ? null : row.path("id").asString());
        result.put("feedback", d.feedback());
        result.put("kind", d.kind().label());
        result.put("score", Math.round(d.score() * 10_000) / 10_000.0);
        writer.write(json.writeValueAsString(result));
        writer.newLine();
        count++;
        feedback += d.feedback() ? 1 : 0;
      }
    }
    err.println("earshot detect: " + count + " texts, " + feedback + " feedback; wrote " + out);
    return 0;
  }

  private static int extract(
      FeedbackModel model,
      ExtractionProperties properties,
      Path in,
      List<Input> inputs,
      CommandArgs command,
      PrintStream out,
      PrintStream err)
      throws IOException {
    ExtractingFeedback extracting =
        new ExtractingFeedback(
            model,
            FeedbackModels.organising(properties),
            FeedbackModels.areas(properties),
            Clock.systemUTC());
    Object result;
    if (Files.isDirectory(in)) {
      result = extractDirectory(extracting, in, inputs, err);
    } else {
      Call call = inputs.getFirst().call();
      List<Object> items = items(extracting, call);
      err.println("earshot extract: " + items.size() + " items from call " + call.getCallId());
      result = items;
    }
    String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(result);
    if (!command.has("--out")) {
      out.println(text);
    } else {
      Files.writeString(Path.of(command.option("--out")), text, StandardCharsets.UTF_8);
    }
    return 0;
  }

  /**
   * A directory's calls as one document: {@code {"calls": [{"file", "callId", "items": [...]}],
   * "skipped": [{"file", "reason"}], "items": n}}. A file that is not a call, or is a private call,
   * is skipped with the reason; the others are extracted.
   */
  private static Map<String, Object> extractDirectory(
      ExtractingFeedback extracting, Path dir, List<Input> inputs, PrintStream err) {
    List<Object> calls = new ArrayList<>();
    List<Object> skipped = new ArrayList<>();
    int itemCount = 0;
    for (Input input : inputs) {
      if (input.call() == null) {
        skipped.add(Map.of("file", input.file(), "reason", input.refusal()));
        err.println("earshot extract: skipped " + input.file() + ": " + input.refusal());
        continue;
      }
      List<Object> items = items(extracting, input.call());
      itemCount += items.size();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", input.file());
      entry.put("callId", input.call().getCallId());
      entry.put("items", items);
      calls.add(entry);
    }
    err.println(
        "earshot extract: "
            + itemCount
            + " items from "
            + calls.size()
            + " calls in "
            + dir
            + (skipped.isEmpty() ? "" : "; " + skipped.size() + " files skipped"));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("calls", calls);
    document.put("skipped", skipped);
    document.put("items", itemCount);
    return document;
  }

  private static List<Object> items(ExtractingFeedback extracting, Call call) {
    List<Object> items = new ArrayList<>();
    for (FeedbackItem item : extracting.extract(call).items()) {
      items.add(json.readTree(PlainJson.write(item)));
    }
    return items;
  }
}

package dev.earshot.extraction.cli;

import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.serde.PlainJson;
import dev.earshot.extraction.ExtractionProperties;
import dev.earshot.extraction.FeedbackModels;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.pipeline.DetectingFeedback;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.kit.cli.CommandArgs;
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
 * extract --in call.json [--out items.json]  a Call (plain JSON) -> its feedback items
 * </pre>
 */
public final class ExtractionCommands {

  private static final JsonMapper json = JsonMapper.builder().build();

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
          "       earshot extract --in call.json [--out items.json] [--model M] [--set k=v]...");
      return 2;
    }
    CommandArgs command;
    try {
      command = CommandArgs.parse(args, Set.of("--in", "--out"), "earshot.extraction.model");
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
    ExtractionProperties properties = properties(command.settings());
    FeedbackModel model = FeedbackModels.create(properties, MiniLmEmbeddingModel::new);
    err.println("earshot " + args[0] + ": model " + model.info());
    return detecting
        ? detect(model, properties, in, Path.of(command.option("--out")), err)
        : extract(model, properties, in, command.option("--out"), out, err);
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
      String outPath,
      PrintStream out,
      PrintStream err)
      throws IOException {
    Call call;
    try {
      call = PlainJson.read(Files.readString(in, StandardCharsets.UTF_8), Call.class);
    } catch (RuntimeException e) {
      err.println("earshot extract: " + in + " is not a Call in plain JSON: " + e.getMessage());
      return 2;
    }
    ExtractingFeedback extracting =
        new ExtractingFeedback(
            model,
            FeedbackModels.organising(properties),
            FeedbackModels.areas(properties),
            Clock.systemUTC());
    List<Object> items = new ArrayList<>();
    for (FeedbackItem item : extracting.extract(call).items()) {
      items.add(json.readTree(PlainJson.write(item)));
    }
    String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(items);
    if (outPath == null) {
      out.println(text);
    } else {
      Files.writeString(Path.of(outPath), text, StandardCharsets.UTF_8);
    }
    err.println("earshot extract: " + items.size() + " items from call " + call.getCallId());
    return 0;
  }
}

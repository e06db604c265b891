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
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
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
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, Object> settings = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (i + 1 >= args.length) {
        err.println("earshot " + args[0] + ": " + arg + " needs a value");
        return 2;
      }
      String value = args[++i];
      switch (arg) {
        case "--in", "--out" -> options.put(arg, value);
        case "--model" -> settings.put("earshot.extraction.model", value);
        case "--set" -> {
          int eq = value.indexOf('=');
          if (eq < 1) {
            err.println("earshot " + args[0] + ": --set takes key=value, not " + value);
            return 2;
          }
          settings.put(value.substring(0, eq), value.substring(eq + 1));
        }
        default -> {
          err.println("earshot " + args[0] + ": unknown option " + arg);
          return 2;
        }
      }
    }
    if (!options.containsKey("--in")
        || (args[0].equals("detect") && !options.containsKey("--out"))) {
      err.println(
          "earshot "
              + args[0]
              + ": --in"
              + (args[0].equals("detect") ? " and --out are" : " is")
              + " required");
      return 2;
    }
    Path in = Path.of(options.get("--in"));
    if (!Files.isReadable(in)) {
      err.println("earshot " + args[0] + ": cannot read " + in);
      return 2;
    }
    ExtractionProperties properties = properties(settings);
    FeedbackModel model = FeedbackModels.create(properties, MiniLmEmbeddingModel::new);
    err.println("earshot " + args[0] + ": model " + model.info());
    return args[0].equals("detect")
        ? detect(model, properties, in, Path.of(options.get("--out")), err)
        : extract(model, properties, in, options.get("--out"), out, err);
  }

  /**
   * extraction-service's properties as the service would bind them: its YAML, then the environment,
   * then these overrides.
   */
  public static ExtractionProperties properties(Map<String, Object> overrides) throws IOException {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new MapPropertySource("command line", overrides));
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().forEach(sources::addLast);
    new YamlPropertySourceLoader()
        .load("extraction-service.yaml", new ClassPathResource("extraction-service.yaml"))
        .forEach(sources::addLast);
    return new Binder(ConfigurationPropertySources.from(sources))
        .bindOrCreate("earshot.extraction", ExtractionProperties.class);
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

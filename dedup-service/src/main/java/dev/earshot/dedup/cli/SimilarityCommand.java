package dev.earshot.dedup.cli;

import dev.earshot.cli.CommandArgs;
import dev.earshot.dedup.DedupModels;
import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.board.Matching;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.Vectors;
import dev.earshot.kit.cli.ServiceSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code earshot similarity --in pairs.jsonl --out out.jsonl [--model M] [--set key=value]}: for
 * each line {@code {"id","a","b"}}, the cosine similarity of the two texts' embeddings and whether
 * it reaches the model's threshold, {@code {"id","score","duplicate"}}. Configured exactly like
 * dedup-service ({@code dedup-service.yaml}, then the environment, then flags), so a pair is a
 * duplicate here when the service would put a one-mention post and the other text together.
 */
public final class SimilarityCommand {

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final int BATCH = 64;

  private SimilarityCommand() {}

  public static void main(String[] args) throws IOException {
    int status = run(args, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream err) throws IOException {
    CommandArgs command;
    try {
      command = CommandArgs.parse(args, Set.of("--in", "--out"), "earshot.dedup.embedding.model");
    } catch (CommandArgs.Invalid e) {
      err.println("earshot similarity: " + e.getMessage());
      return usage(err);
    }
    if (!command.has("--in") || !command.has("--out")) {
      err.println("earshot similarity: --in and --out are required");
      return usage(err);
    }
    Path in = Path.of(command.option("--in"));
    if (!Files.isReadable(in)) {
      err.println("earshot similarity: cannot read " + in);
      return 2;
    }
    DedupProperties properties =
        ServiceSettings.bind(
            "dedup-service.yaml", "earshot.dedup", DedupProperties.class, command.settings());
    EmbeddingModel model;
    Matching matching;
    try {
      model = DedupModels.embeddingModel(properties);
      matching = DedupModels.matching(properties, model);
    } catch (IllegalStateException | IllegalArgumentException e) {
      err.println("earshot similarity: " + e.getMessage());
      return 2;
    }
    err.println(
        "earshot similarity: model " + model.name() + ", threshold " + matching.threshold());
    List<Pair> pairs = read(in, err);
    int duplicates = 0;
    try (BufferedWriter out =
        Files.newBufferedWriter(Path.of(command.option("--out")), StandardCharsets.UTF_8)) {
      for (int from = 0; from < pairs.size(); from += BATCH) {
        List<Pair> batch = pairs.subList(from, Math.min(pairs.size(), from + BATCH));
        List<float[]> a = model.embed(batch.stream().map(Pair::a).toList());
        List<float[]> b = model.embed(batch.stream().map(Pair::b).toList());
        for (int i = 0; i < batch.size(); i++) {
          double score = Vectors.dot(a.get(i), b.get(i));
          boolean duplicate = matching.duplicates(score);
          duplicates += duplicate ? 1 : 0;
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", batch.get(i).id());
          row.put("score", Math.round(score * 10_000) / 10_000.0);
          row.put("duplicate", duplicate);
          out.write(json.writeValueAsString(row));
          out.newLine();
        }
      }
    }
    err.println(
        "earshot similarity: "
            + pairs.size()
            + " pairs, "
            + duplicates
            + " duplicates; wrote "
            + command.option("--out"));
    return 0;
  }

  private record Pair(Object id, String a, String b) {}

  private static List<Pair> read(Path in, PrintStream err) throws IOException {
    List<Pair> pairs = new ArrayList<>();
    List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      JsonNode row;
      try {
        row = json.readTree(line);
      } catch (JacksonException e) {
        err.println("earshot similarity: line " + (n + 1) + " is not JSON; skipped");
        continue;
      }
      if (!row.path("a").isString() || !row.path("b").isString()) {
        err.println("earshot similarity: line " + (n + 1) + " lacks \"a\" or \"b\"; skipped");
        continue;
      }
      JsonNode id = row.path("id");
      pairs.add(
          new Pair(
              id.isMissingNode() || id.isNull()
                  ? null
                  : id.isNumber() ? id.numberValue() : id.asString(),
              row.path("a").asString(),
              row.path("b").asString()));
    }
    return pairs;
  }

  private static int usage(PrintStream err) {
    err.println(
        "usage: earshot similarity --in pairs.jsonl --out out.jsonl [--model all-minilm-l6-v2|voyage|openai] [--set key=value]...");
    return 2;
  }
}

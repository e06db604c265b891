package dev.earshot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./earshot bench NAME} reads only the options its benchmark declares and refuses the rest
 * with the reason before anything runs: a misspelt option used to be ignored, so {@code --seeds 7}
 * printed seed 42's figures.
 */
class BenchArgsTest {

  static final Set<String> OPTIONS =
      Set.of("set", "calls", "seed", "vectors", "judge-oracle", "weight");

  @Test
  void anOptionTheBenchmarkDoesNotReadIsRefusedWithTheOnesItDoes() {
    assertThatThrownBy(() -> Bench.Args.parse(OPTIONS, "--seeds", "7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown option --seeds (this benchmark reads --calls, ")
        .hasMessageContaining("--seed,")
        .hasMessageEndingWith("--set, --vectors, --weight)");
    assertThatThrownBy(() -> Bench.Args.parse(Set.of("calls"), "--set", "a=b"))
        .as("--set is refused by a benchmark that reads no settings")
        .hasMessage("unknown option --set (this benchmark reads --calls)");
    assertThatThrownBy(() -> Bench.Args.parse(OPTIONS, "--calls", "10", "--help-me", "x"))
        .hasMessageStartingWith("unknown option --help-me");
  }

  @Test
  void anOptionWithoutItsValueOrAStrayWordIsRefused() {
    assertThatThrownBy(() -> Bench.Args.parse(OPTIONS, "--calls"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--calls needs a value");
    assertThatThrownBy(() -> Bench.Args.parse(OPTIONS, "600"))
        .hasMessage("unexpected argument 600");
    assertThatThrownBy(() -> Bench.Args.parse(OPTIONS, "--set", "noequals"))
        .hasMessage("--set takes key=value, not noequals");
  }

  @Test
  void valuesAreReadInTheirKindAndAWrongOneNamesTheOption() {
    Bench.Args args =
        Bench.Args.parse(
            OPTIONS,
            "--seed",
            "-3",
            "--calls",
            "12",
            "--calls",
            "30",
            "--vectors",
            "1000, 20000",
            "--judge-oracle",
            "1,0.9",
            "--set",
            "a.b=1",
            "--set",
            "a.c=x=y");

    assertThat(args.integer("seed", 42)).isEqualTo(-3);
    assertThat(args.integer("calls", 600)).as("the last one given wins").isEqualTo(30);
    assertThat(args.integers("vectors", "1")).containsExactly(1000, 20000);
    assertThat(args.shares("judge-oracle", "1")).containsExactly(1.0, 0.9);
    assertThat(args.decimal("weight", 0.25)).isEqualTo(0.25);
    assertThat(args.sets()).containsExactly(Map.entry("a.b", "1"), Map.entry("a.c", "x=y"));

    Bench.Args wrong =
        Bench.Args.parse(
            OPTIONS,
            "--calls",
            "ten",
            "--vectors",
            "1000,x",
            "--judge-oracle",
            "1.5",
            "--weight",
            "heavy");
    assertThatThrownBy(() -> wrong.integer("calls", 600))
        .isInstanceOf(Bench.BadOption.class)
        .hasMessage("--calls takes a number, not ten");
    assertThatThrownBy(() -> wrong.integers("vectors", "1"))
        .isInstanceOf(Bench.BadOption.class)
        .hasMessage("--vectors takes a number, not x");
    assertThatThrownBy(() -> wrong.shares("judge-oracle", "1"))
        .isInstanceOf(Bench.BadOption.class)
        .hasMessage("--judge-oracle must be from 0 to 1, not 1.5");
    assertThatThrownBy(() -> wrong.decimal("weight", 0))
        .isInstanceOf(Bench.BadOption.class)
        .hasMessage("--weight takes a number, not heavy");
  }

  @Test
  void aSwitchOrAChoiceTakesOnlyItsWordsNotAnyValue() {
    Set<String> options = Set.of("only-quality", "rescoring");
    Bench.Args given = Bench.Args.parse(options, "--only-quality", "true", "--rescoring", "none");
    assertThat(given.flag("only-quality", false)).isTrue();
    assertThat(given.choice("rescoring", "on", "on", "none")).isEqualTo("none");
    Bench.Args absent = Bench.Args.parse(options);
    assertThat(absent.flag("only-quality", false)).isFalse();
    assertThat(absent.choice("rescoring", "on", "on", "none")).isEqualTo("on");

    // "yes" used to count as false, silently running what --only-quality leaves out
    Bench.Args wrong = Bench.Args.parse(options, "--only-quality", "yes", "--rescoring", "off");
    assertThatThrownBy(() -> wrong.flag("only-quality", false))
        .isInstanceOf(Bench.BadOption.class)
        .hasMessage("--only-quality takes true or false, not yes");
    assertThatThrownBy(() -> wrong.choice("rescoring", "on", "on", "none"))
        .isInstanceOf(Bench.BadOption.class)
        .hasMessage("--rescoring takes on or none, not off");
  }

  @Test
  void readingAnUndeclaredOptionIsABugHereNotBadInput() {
    Bench.Args args = Bench.Args.parse(OPTIONS);
    assertThatThrownBy(() -> args.get("threads", "2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--threads is read but not declared");
  }

  @Test
  void theUsageListsEveryOptionOfTheBenchmark() {
    assertThat(Bench.ALL.get("ingest").usage("ingest"))
        .startsWith("usage: earshot bench ingest [--calls V] [--seed V]  (");
    assertThat(Bench.ALL.get("followups").usage("followups")).contains(" [--set k=v …]");
  }

  /** Which benchmarks run the code of each source file, and so must declare what it reads. */
  static final Map<String, List<String>> READERS =
      Map.ofEntries(
          Map.entry("IngestBench.java", List.of("ingest")),
          Map.entry("GatewayBench.java", List.of("gateway")),
          Map.entry("ExtractionBench.java", List.of("extraction")),
          Map.entry("ExtractionTitles.java", List.of("extraction", "titles")),
          Map.entry("DedupBench.java", List.of("dedup")),
          Map.entry("DedupServiceBench.java", List.of("dedup")),
          Map.entry("RescoringBench.java", List.of("dedup")),
          Map.entry("VectorIndexBench.java", List.of("dedup")),
          Map.entry("JudgeBench.java", List.of("dedup")),
          Map.entry("DetectorTraining.java", List.of("train-detector")),
          Map.entry("ItemStageTraining.java", List.of("train-detector")),
          Map.entry("FollowUpBench.java", List.of("followups")));

  static final Pattern READ =
      Pattern.compile(
          "args\\s*\\.\\s*(?:(?:get|integer|integers|decimal|shares|flag|choice)\\(\\s*\"([a-z0-9-]+)\"|(sets)\\(\\))");

  @Test
  void everyOptionTheSourcesReadIsDeclaredByEveryBenchmarkThatRunsThem() throws IOException {
    Path sources = Path.of("src/main/java/dev/earshot/bench");
    List<String> undeclared = new ArrayList<>();
    int reads = 0;
    try (var files = Files.list(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher read = READ.matcher(Files.readString(file));
        while (read.find()) {
          reads++;
          String name = file.getFileName().toString();
          assertThat(READERS).as("benchmarks running %s", name).containsKey(name);
          for (String bench : READERS.get(name)) {
            String option = read.group(1) != null ? read.group(1) : "set";
            if (!Bench.ALL.get(bench).options().contains(option)) {
              undeclared.add(bench + " --" + option + " (" + name + ")");
            }
          }
        }
      }
    }
    assertThat(reads).as("option reads found in the sources").isGreaterThan(40);
    assertThat(undeclared).isEmpty();
  }
}

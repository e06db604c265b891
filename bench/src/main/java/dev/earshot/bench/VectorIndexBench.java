package dev.earshot.bench;

import dev.earshot.dedup.vector.LuceneVectorIndex;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.Vectors;
import dev.earshot.gong.simulator.corpus.FeedbackCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded index at scale: N post vectors in one org (the hardest case for a filtered search:
 * the filter matches everything), built through {@link LuceneVectorIndex} exactly as the service
 * builds it, then searched for the 10 nearest. Latency is per search after a warm-up; recall@10 is
 * the share of the exact 10 nearest (brute force) that the index returns.
 *
 * <p>Vectors are not random (random 384-dimensional vectors have no neighbourhoods and make any
 * approximate index look bad): each is a mix of two real MiniLM embeddings of feedback texts (the
 * simulator's phrasings and, when present, the texts in {@code ../shared/eval/}) plus noise, so
 * they cluster like real posts do. Queries are drawn the same way.
 */
final class VectorIndexBench {

  private static final JsonMapper json = JsonMapper.builder().build();

  private VectorIndexBench() {}

  static Map<String, Object> run(Bench.Args args, EmbeddingModel model) throws Exception {
    List<float[]> bases = bases(model);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int n : args.integers("vectors", "100000,1000000")) {
      out.put(Integer.toString(n), measure(n, bases, args));
    }
    return out;
  }

  private static List<float[]> bases(EmbeddingModel model) throws Exception {
    List<String> texts = new ArrayList<>();
    FeedbackCatalogue.REQUESTS.forEach(r -> texts.addAll(r.phrasings()));
    Path detect = Path.of("../shared/eval/detect-dev.jsonl");
    if (Files.exists(detect)) {
      for (String line : Files.readAllLines(detect)) {
        if (!line.isBlank()) {
          texts.add(json.readTree(line).path("text").asString());
        }
      }
    }
    Bench.say("  index: %d real embeddings as cluster seeds", texts.size());
    return model.embed(texts);
  }

  private static float[] draw(List<float[]> bases, Random random) {
    float[] a = bases.get(random.nextInt(bases.size()));
    float[] b = bases.get(random.nextInt(bases.size()));
    double w = 0.6 + 0.4 * random.nextDouble();
    float[] v = new float[a.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (w * a[i] + (1 - w) * b[i] + 0.03 * random.nextGaussian());
    }
    return Vectors.unit(v);
  }

  private static Map<String, Object> measure(int n, List<float[]> bases, Bench.Args args)
      throws Exception {
    int queries = args.integer("queries", 1_000);
    int exactQueries = args.integer("recall-queries", 1_000);
    int threads = Runtime.getRuntime().availableProcessors();
    Random random = new Random(n);
    float[][] vectors = new float[n][];
    UUID[] ids = new UUID[n];
    for (int i = 0; i < n; i++) {
      vectors[i] = draw(bases, random);
      ids[i] = new UUID(0, i);
    }
    Path dir = Files.createTempDirectory("earshot-index-bench-");
    int dimension = vectors[0].length;
    try (LuceneVectorIndex index =
        new LuceneVectorIndex(
            dir, dimension, 1024, LuceneVectorIndex.DEFAULT_SEARCH_BREADTH, Clock.systemUTC())) {
      long began = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> writers = new ArrayList<>();
      int batch = 10_000;
      for (int from = 0; from < n; from += batch) {
        int start = from;
        writers.add(
            pool.submit(
                () -> {
                  List<VectorIndex.Entry> entries = new ArrayList<>();
                  for (int i = start; i < Math.min(n, start + batch); i++) {
                    entries.add(new VectorIndex.Entry(ids[i], "bench-org", vectors[i]));
                  }
                  index.upsert(entries);
                }));
      }
      for (Future<?> w : writers) {
        w.get();
      }
      pool.shutdown();
      index.refresh();
      double buildSeconds = (System.nanoTime() - began) / 1e9;
      long merging = System.nanoTime();
      if (args.flag("compact", true)) {
        index.compact();
      }
      index.commit();
      double mergeSeconds = (System.nanoTime() - merging) / 1e9;
      float[][] probes = new float[queries][];
      for (int q = 0; q < queries; q++) {
        probes[q] = draw(bases, random);
      }
      List<Set<UUID>> exact = exactNearest(vectors, ids, probes, Math.min(exactQueries, queries));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("build_s", Math.round(buildSeconds));
      m.put("merge_s", Math.round(mergeSeconds));
      m.put("queries", queries);
      for (int breadth :
          args.integers("breadths", Integer.toString(LuceneVectorIndex.DEFAULT_SEARCH_BREADTH))) {
        for (int q = 0; q < Math.min(200, queries); q++) {
          index.nearest("bench-org", probes[q], 10, breadth);
        }
        long[] nanos = new long[queries];
        List<List<VectorIndex.Neighbour>> answers = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
          long t = System.nanoTime();
          answers.add(index.nearest("bench-org", probes[q], 10, breadth));
          nanos[q] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double p50 = nanos[queries / 2] / 1e6;
        double p99 = nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6;
        double recall = recall(exact, answers);
        Bench.say(
            "  index %,9d vectors (built in %.0f s + %.0f s merging to one segment), breadth %d: search p50 %.2f ms p99 %.2f ms (goal p99 <= 5 ms), recall@10 %.3f (goal >= 0.95)",
            n, buildSeconds, mergeSeconds, breadth, p50, p99, recall);
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("p50_ms", Math.round(p50 * 100) / 100.0);
        at.put("p99_ms", Math.round(p99 * 100) / 100.0);
        at.put("recall_at_10", Math.round(recall * 1000) / 1000.0);
        m.put("breadth_" + breadth, at);
      }
      return m;
    } finally {
      deleteTree(dir);
    }
  }

  /** The exact 10 nearest of each of the first {@code count} probes (brute force, in parallel). */
  private static List<Set<UUID>> exactNearest(
      float[][] vectors, UUID[] ids, float[][] probes, int count) {
    return IntStream.range(0, count)
        .parallel()
        .mapToObj(
            q -> {
              // the 10 best by a bounded min-heap of (score, index)
              java.util.PriorityQueue<double[]> best =
                  new java.util.PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
              for (int i = 0; i < vectors.length; i++) {
                double score = Vectors.dot(probes[q], vectors[i]);
                if (best.size() < 10) {
                  best.add(new double[] {score, i});
                } else if (score > best.peek()[0]) {
                  best.poll();
                  best.add(new double[] {score, i});
                }
              }
              Set<UUID> exact = new HashSet<>();
              best.forEach(e -> exact.add(ids[(int) e[1]]));
              return exact;
            })
        .toList();
  }

  /** Share of the exact 10 nearest that the index returned. */
  private static double recall(List<Set<UUID>> exact, List<List<VectorIndex.Neighbour>> answers) {
    long found = 0;
    for (int q = 0; q < exact.size(); q++) {
      Set<UUID> truth = exact.get(q);
      found += answers.get(q).stream().filter(a -> truth.contains(a.id())).count();
    }
    return found / (exact.size() * 10.0);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

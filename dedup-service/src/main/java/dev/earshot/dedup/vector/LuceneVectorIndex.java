package dev.earshot.dedup.vector;

import dev.earshot.embeddings.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The embedded index: Apache Lucene's HNSW graph on local disk, one document per post with its org
 * as a filter term. A search sees every upsert as soon as it returns: writes since the reader was
 * last refreshed (every second) are searched exactly next to the graph. The index is committed to
 * disk by {@link #commit()} (called periodically and on close), and the commit records the time it
 * covers, so after a crash the caller re-upserts what came later.
 */
public final class LuceneVectorIndex implements VectorIndex {

  static final String ID = "id";
  static final String ORG = "org";
  static final String VECTOR = "vector";
  private static final String DURABLE_AS_OF = "durable_as_of";

  /**
   * HNSW's ef. Measured at 1M vectors on 2 cores ({@code ./earshot bench dedup}, 1,000 queries):
   * recall@10 0.939 at 160, 0.950 at 250, 0.968 at 400 with p99 1.98 ms.
   */
  public static final int DEFAULT_SEARCH_BREADTH = 400;

  /** Threads that build a merged segment's graph. */
  private static final int MERGE_WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

  /** How often a reader with the latest writes is opened. */
  private static final long REFRESH_MS = 1_000;

  /** Writes kept for exact search before a refresh is forced. */
  private static final int MAX_RECENT = 5_000;

  private final Path path;
  private final int searchBreadth;
  private final int dimension;
  private final Clock clock;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private volatile Instant durableAsOf;

  /** A write the current reader may not show yet; {@code vector} null is a delete. */
  private record Recent(String orgId, float[] vector, long sequence) {}

  private final ExecutorService merges;
  private final Map<UUID, Recent> recent = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final ScheduledExecutorService refresher;

  /**
   * @param path the index directory (created when missing)
   * @param dimension the vectors' dimension
   * @param ramBufferMb indexing buffer before a segment is flushed
   * @param searchBreadth candidates the graph search keeps (HNSW's ef); recall rises with it
   * @param clock what commits record as their time
   */
  public LuceneVectorIndex(
      Path path, int dimension, double ramBufferMb, int searchBreadth, Clock clock) {
    this.path = path;
    this.searchBreadth = searchBreadth;
    this.dimension = dimension;
    this.clock = clock;
    try {
      Files.createDirectories(path);
      this.directory = FSDirectory.open(path);
      this.merges =
          Executors.newFixedThreadPool(
              MERGE_WORKERS,
              r -> {
                Thread t = new Thread(r, "lucene-vector-merge");
                t.setDaemon(true);
                return t;
              });
      KnnVectorsFormat graphs =
          new Lucene99HnswVectorsFormat(
              Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
              Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
              MERGE_WORKERS,
              merges);
      IndexWriterConfig config =
          new IndexWriterConfig()
              .setRAMBufferSizeMB(ramBufferMb)
              .setCodec(
                  new Lucene103Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                      return graphs;
                    }
                  });
      this.writer = openWriter(path, directory, config, merges);
      this.durableAsOf = committedAsOf(writer);
      this.searchers = new SearcherManager(writer, new OrgFilterCaching());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the vector index at " + path, e);
    }
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lucene-vector-refresh");
              t.setDaemon(true);
              return t;
            });
    refresher.scheduleWithFixedDelay(
        this::refreshQuietly, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * The index's only writer. Lucene's write lock ({@code write.lock}, an OS file lock) refuses a
   * second one, in this process or another: the embedded index belongs to one dedup-service.
   */
  private static IndexWriter openWriter(
      Path path, FSDirectory directory, IndexWriterConfig config, ExecutorService merges)
      throws IOException {
    try {
      return new IndexWriter(directory, config);
    } catch (LockObtainFailedException held) {
      merges.shutdown();
      directory.close();
      throw new VectorIndexInUse(path, held);
    }
  }

  public LuceneVectorIndex(Path path, int dimension) {
    this(path, dimension, 64, DEFAULT_SEARCH_BREADTH, Clock.systemUTC());
  }

  private static Instant committedAsOf(IndexWriter writer) {
    String value = null;
    for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
      if (e.getKey().equals(DURABLE_AS_OF)) {
        value = e.getValue();
      }
    }
    return value == null ? Instant.EPOCH : Instant.parse(value);
  }

  @Override
  public void upsert(List<Entry> entries) {
    try {
      for (Entry entry : entries) {
        if (entry.vector().length != dimension) {
          throw new IllegalArgumentException(
              "vector of " + entry.vector().length + " dimensions in an index of " + dimension);
        }
        Document doc = new Document();
        doc.add(new StringField(ID, entry.id().toString(), Field.Store.YES));
        doc.add(new StringField(ORG, entry.orgId(), Field.Store.NO));
        doc.add(
            new KnnFloatVectorField(VECTOR, entry.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        writer.updateDocument(new Term(ID, entry.id().toString()), doc);
        recent.put(
            entry.id(),
            new Recent(entry.orgId(), entry.vector().clone(), sequence.incrementAndGet()));
      }
      dirty.set(true);
      if (recent.size() > MAX_RECENT) {
        refresh();
      }
    } catch (IOException e) {
      throw new VectorIndexUnavailable("cannot write the vector index at " + path, e);
    }
  }

  @Override
  public void delete(List<UUID> ids) {
    try {
      for (UUID id : ids) {
        writer.deleteDocuments(new Term(ID, id.toString()));
        recent.put(id, new Recent(null, null, sequence.incrementAndGet()));
      }
      dirty.set(true);
    } catch (IOException e) {
      throw new VectorIndexUnavailable("cannot write the vector index at " + path, e);
    }
  }

  @Override
  public List<Neighbour> nearest(String orgId, float[] query, int k) {
    return nearest(orgId, query, k, searchBreadth);
  }

  /** As {@link #nearest(String, float[], int)} with another search breadth (HNSW's ef). */
  public List<Neighbour> nearest(String orgId, float[] query, int k, int searchBreadth) {
    Map<UUID, Recent> unrefreshed = Map.copyOf(recent);
    List<Neighbour> found = new ArrayList<>();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        // Lucene's beam width is the k it is asked for; ask for more, keep the best k.
        int breadth = Math.max(k, searchBreadth);
        TopDocs top =
            searcher.search(
                new KnnFloatVectorQuery(
                    VECTOR, query, breadth, new TermQuery(new Term(ORG, orgId))),
                breadth);
        StoredFields stored = searcher.storedFields();
        // Ids only for the hits that can make the best k: at most every unrefreshed write
        // displaces one of them.
        int wanted = Math.min(top.scoreDocs.length, k + unrefreshed.size());
        for (int i = 0; i < wanted; i++) {
          ScoreDoc hit = top.scoreDocs[i];
          UUID id = UUID.fromString(stored.document(hit.doc).get(ID));
          if (!unrefreshed.containsKey(id)) {
            // Lucene scales a dot product d to (1 + d) / 2 so scores are non-negative.
            found.add(new Neighbour(id, 2.0 * hit.score - 1.0));
          }
        }
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new VectorIndexUnavailable("cannot search the vector index at " + path, e);
    }
    unrefreshed.forEach(
        (id, write) -> {
          if (write.vector() != null && write.orgId().equals(orgId)) {
            found.add(new Neighbour(id, Vectors.dot(query, write.vector())));
          }
        });
    found.sort(Comparator.comparingDouble(Neighbour::score).reversed());
    return List.copyOf(found.subList(0, Math.min(k, found.size())));
  }

  /**
   * Opens a reader with every write so far. Until then, writes since the last refresh are searched
   * exactly (a search sees an upsert as soon as it returns, without a reader reopened per write,
   * which would flush a segment and build a graph for every post).
   */
  public void refresh() {
    long upTo = sequence.get();
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the vector index at " + path, e);
    }
    recent.values().removeIf(write -> write.sequence() <= upTo);
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException | AssertionError e) {
      // the next round retries; searches stay correct meanwhile (recent writes are kept)
      dirty.set(true);
    }
  }

  /** Merges the index into one segment, for searches as fast as they get after a bulk load. */
  public void compact() {
    try {
      refresh();
      writer.forceMerge(1);
      refresh();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge the vector index at " + path, e);
    }
  }

  /**
   * Searchers that keep each segment's set of an org's documents: every search filters by org, and
   * rebuilding that set per search costs a pass over the org's postings (milliseconds at a million
   * posts). Lucene's default policy never caches a term query, so this one caches exactly those.
   */
  private static final class OrgFilterCaching extends SearcherFactory {
    private final LRUQueryCache cache = new LRUQueryCache(10_000, 256L * 1024 * 1024);
    private final QueryCachingPolicy orgTerms =
        new QueryCachingPolicy() {
          @Override
          public void onUse(Query query) {}

          @Override
          public boolean shouldCache(Query query) {
            return query instanceof TermQuery term && term.getTerm().field().equals(ORG);
          }
        };

    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setQueryCache(cache);
      searcher.setQueryCachingPolicy(orgTerms);
      return searcher;
    }
  }

  /** Makes every upsert so far durable; a no-op when nothing changed. */
  @Override
  public synchronized void commit() {
    if (!dirty.getAndSet(false)) {
      return;
    }
    Instant covers = clock.instant();
    try {
      writer.setLiveCommitData(Map.of(DURABLE_AS_OF, covers.toString()).entrySet());
      writer.commit();
      durableAsOf = covers;
    } catch (IOException e) {
      dirty.set(true);
      throw new UncheckedIOException("cannot commit the vector index at " + path, e);
    }
  }

  @Override
  public long count() {
    return size();
  }

  /** Number of live vectors. */
  public int size() {
    refresh();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An allowance: a search takes 2 ms at p99 over a million posts ({@code ./earshot bench dedup});
   * an upsert or delete is buffered in memory.
   */
  @Override
  public Duration longestCall() {
    return Duration.ofSeconds(1);
  }

  @Override
  public Instant durableAsOf() {
    return durableAsOf;
  }

  @Override
  public String describe() {
    return "lucene-hnsw " + path;
  }

  /**
   * Stops the refresher without interrupting it: an interrupt during file I/O closes Lucene's NIO
   * channels, the write lock's among them ("FileLock invalidated by an external force"), and the
   * final commit then fails on a closed writer.
   */
  @Override
  public synchronized void close() {
    refresher.shutdown();
    merges.shutdown();
    try {
      if (!refresher.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the vector index refresher did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      commit();
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the vector index at " + path, e);
    }
  }
}

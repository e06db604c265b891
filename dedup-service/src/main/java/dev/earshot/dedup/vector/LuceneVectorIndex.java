package dev.earshot.dedup.vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * The embedded index: Apache Lucene's HNSW graph on local disk, one document per post with its org
 * as a filter term. Searches see an upsert as soon as it returns (near-real-time reader); the index
 * is committed to disk by {@link #commit()} (called periodically and on close), and the commit
 * records the time it covers, so after a crash the caller re-upserts what came later.
 */
public final class LuceneVectorIndex implements VectorIndex {

  static final String ID = "id";
  static final String ORG = "org";
  static final String VECTOR = "vector";
  private static final String DURABLE_AS_OF = "durable_as_of";

  public static final int DEFAULT_SEARCH_BREADTH = 100;

  private final Path path;
  private final int searchBreadth;
  private final int dimension;
  private final Clock clock;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private volatile Instant durableAsOf;

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
      IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(ramBufferMb);
      this.writer = new IndexWriter(directory, config);
      this.durableAsOf = committedAsOf(writer);
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the vector index at " + path, e);
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
      }
      dirty.set(true);
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the vector index at " + path, e);
    }
  }

  @Override
  public void delete(List<UUID> ids) {
    try {
      for (UUID id : ids) {
        writer.deleteDocuments(new Term(ID, id.toString()));
      }
      dirty.set(true);
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the vector index at " + path, e);
    }
  }

  @Override
  public List<Neighbour> nearest(String orgId, float[] query, int k) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        // Lucene's beam width is the k it is asked for; ask for more, keep the best k.
        int breadth = Math.max(k, searchBreadth);
        TopDocs top =
            searcher.search(
                new KnnFloatVectorQuery(
                    VECTOR, query, breadth, new TermQuery(new Term(ORG, orgId))),
                k);
        StoredFields stored = searcher.storedFields();
        List<Neighbour> found = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
          String id = stored.document(hit.doc).get(ID);
          // Lucene scales a dot product d to (1 + d) / 2 so scores are non-negative.
          found.add(new Neighbour(UUID.fromString(id), 2.0 * hit.score - 1.0));
        }
        return found;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the vector index at " + path, e);
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

  /** Number of live vectors. */
  public int size() {
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

  @Override
  public Instant durableAsOf() {
    return durableAsOf;
  }

  @Override
  public String describe() {
    return "lucene-hnsw " + path;
  }

  @Override
  public synchronized void close() {
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

package dev.earshot.dedup.vector;

import java.nio.file.Path;

/**
 * The embedded index is open in another process (or another instance in this one): Lucene allows
 * one writer per directory, and the index belongs to one dedup-service. Thrown at start.
 */
public final class VectorIndexInUse extends IllegalStateException {

  VectorIndexInUse(Path path, Throwable cause) {
    super(
        "the vector index at "
            + path.toAbsolutePath()
            + " is open in another dedup-service (Lucene's write lock "
            + path.resolve("write.lock").toAbsolutePath()
            + " is held): the embedded index belongs to one process. Stop the other one, give"
            + " this one its own earshot.dedup.index.lucene.path (each replica then needs the"
            + " database to itself), or use earshot.dedup.index.kind=qdrant to run several.",
        cause);
  }
}

package dev.earshot.dedup.vector;

import java.nio.file.Path;

/** Opens the embedded index given as the argument, in a process of its own; says how it went. */
public final class OpenIndexInAnotherProcess {

  static final int OPENED = 0;
  static final int REFUSED = 3;

  private OpenIndexInAnotherProcess() {}

  public static void main(String[] args) {
    try (var index = new LuceneVectorIndex(Path.of(args[0]), 2)) {
      System.out.println("opened " + index.describe());
      System.exit(OPENED);
    } catch (VectorIndexInUse refused) {
      System.out.println(refused.getClass().getSimpleName() + ": " + refused.getMessage());
      System.exit(REFUSED);
    }
  }
}

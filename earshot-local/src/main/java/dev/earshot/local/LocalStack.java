package dev.earshot.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts components in order, stops them in reverse, and builds the summary line's content. */
public final class LocalStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  private final List<LocalComponent> components;
  private final LocalContext context;
  private final Deque<LocalComponent> started = new ArrayDeque<>();
  private final boolean deleteDataOnClose;

  public LocalStack(List<LocalComponent> components, Path dataDir, boolean deleteDataOnClose) {
    this.components = List.copyOf(components);
    this.context = new LocalContext(dataDir);
    this.deleteDataOnClose = deleteDataOnClose;
  }

  public LocalContext context() {
    return context;
  }

  /**
   * Starts the components in order. A run of components that {@link LocalComponent#launchesEarly()}
   * is launched together first (their processes boot side by side), then each is started in order.
   * A failure stops whatever runs already and is rethrown.
   */
  public void start() throws Exception {
    Set<LocalComponent> launched = new HashSet<>();
    for (int i = 0; i < components.size(); i++) {
      LocalComponent component = components.get(i);
      long began = System.nanoTime();
      try {
        for (int j = i;
            j < components.size()
                && components.get(j).launchesEarly()
                && !launched.contains(components.get(j));
            j++) {
          components.get(j).launch(context);
          launched.add(components.get(j));
          started.push(components.get(j));
        }
        component.start(context);
      } catch (Exception | Error failure) {
        log.atError()
            .addKeyValue("component", component.name())
            .setCause(failure)
            .log("component failed to start; stopping the ones already running");
        close();
        throw failure;
      }
      if (!launched.contains(component)) {
        started.push(component);
      }
      log.atInfo()
          .addKeyValue("component", component.name())
          .addKeyValue("ms", (System.nanoTime() - began) / 1_000_000)
          .log("started");
    }
  }

  /** Runs every component's {@code --once} share in start order and merges their figures. */
  public Map<String, Object> runOnce() throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    for (LocalComponent component : components) {
      context.checkAlive();
      figures.putAll(component.runOnce(context));
    }
    context.checkAlive();
    return figures;
  }

  /** Facts of every component that has some, keyed by its name. */
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    for (LocalComponent component : components) {
      if (!component.facts().isEmpty()) {
        facts.put(component.name(), component.facts());
      }
    }
    return facts;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      LocalComponent component = started.pop();
      try {
        component.close();
        log.atInfo().addKeyValue("component", component.name()).log("stopped");
      } catch (Exception e) {
        log.atWarn()
            .addKeyValue("component", component.name())
            .setCause(e)
            .log("component did not stop cleanly");
      }
    }
    if (deleteDataOnClose) {
      deleteRecursively(context.dataDir());
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      log.atWarn().addKeyValue("dir", root).setCause(e).log("could not delete local data");
    }
  }
}

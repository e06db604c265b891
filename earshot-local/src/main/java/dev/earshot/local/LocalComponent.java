package dev.earshot.local;

import java.util.Map;

/**
 * One part of the local stack. Components start in list order and stop in reverse; each publishes
 * facts (where it listens, what it holds) into the context for the components after it and into the
 * summary line. Adding a service to the stack is adding one component to {@link
 * EarshotLocal#components}.
 */
public interface LocalComponent extends AutoCloseable {

  /** Short name used in logs and as the summary key of its facts. */
  String name();

  /** Starts the component; may read facts of the components started before it. */
  void start(LocalContext context) throws Exception;

  /**
   * Whether {@link #launch} sets this component going before the components ahead of it are ready:
   * a service in a process of its own, whose port and settings are known up front. {@link
   * LocalStack} launches a run of such components together, then {@link #start}s each in order
   * (which waits until it is ready), so their JVMs boot side by side.
   */
  default boolean launchesEarly() {
    return false;
  }

  /**
   * Sets the component going without waiting for it (see {@link #launchesEarly}); it publishes its
   * URLs into the context at once. Reads only facts of components started before it.
   */
  default void launch(LocalContext context) throws Exception {}

  /**
   * Runs this component's share of a {@code --once} run (ingest the demo corpus, drain a topic...)
   * and returns figures for the summary line. Most infrastructure has nothing to run.
   */
  default Map<String, Object> runOnce(LocalContext context) throws Exception {
    return Map.of();
  }

  /** Facts to print at start and to put in the summary under {@link #name()}. */
  Map<String, Object> facts();

  @Override
  void close() throws Exception;
}

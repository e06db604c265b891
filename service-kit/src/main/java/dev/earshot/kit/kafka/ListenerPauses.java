package dev.earshot.kit.kafka;

import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Waits between retries by pausing the listener container and resuming it later, instead of
 * sleeping on the consumer thread: a paused consumer keeps polling (and gets nothing), so it stays
 * in its group however long the wait, and {@code max.poll.interval.ms} does not bound the backoff
 * (spring-kafka reference, "Container Pausing Back Off Handler"). Its own scheduler thread, so it
 * never competes with the service's {@code @Scheduled} tasks.
 */
final class ListenerPauses implements DisposableBean {

  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
  private final ListenerContainerPauseService pauses;

  ListenerPauses() {
    scheduler.setThreadNamePrefix("earshot-kafka-resume-");
    scheduler.setDaemon(true);
    scheduler.initialize();
    pauses = new ListenerContainerPauseService(null, scheduler);
  }

  /** For spring-kafka's record retries: pauses the container for each backoff. */
  BackOffHandler backOffHandler() {
    return new ContainerPausingBackOffHandler(pauses);
  }

  /** Pauses {@code container} (all its consumers) for {@code wait}, unless it is paused already. */
  void pause(MessageListenerContainer container, Duration wait) {
    pauses.pause(container, wait);
  }

  @Override
  public void destroy() {
    scheduler.shutdown();
  }
}

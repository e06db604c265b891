package dev.earshot.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

class DeadLetterCauseTest {

  @Test
  void theLogNamesTheListenersFailureNotSpringKafkasWrapper() {
    DeserializationException poison =
        new DeserializationException("not Avro", new byte[] {1}, false, null);
    Throwable wrapped =
        new ListenerExecutionFailedException(
            "outer", new ListenerExecutionFailedException("inner", poison));

    assertThat(KafkaDeadLetters.reportedCause(wrapped)).isSameAs(poison);
  }

  @Test
  void aFailureThatIsNotWrappedIsNamedAsItIs() {
    IllegalStateException direct = new IllegalStateException("bad record");

    assertThat(KafkaDeadLetters.reportedCause(direct)).isSameAs(direct);
    assertThat(KafkaDeadLetters.reportedCause(new ListenerExecutionFailedException("no cause")))
        .isInstanceOf(ListenerExecutionFailedException.class);
  }
}

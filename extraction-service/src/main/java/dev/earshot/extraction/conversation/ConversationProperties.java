package dev.earshot.extraction.conversation;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code earshot.extraction.conversations.*}.
 *
 * @param concurrency listener threads of the conversation records' consumer group on gong.calls.v1
 *     (one partition each at most)
 */
@ConfigurationProperties("earshot.extraction.conversations")
@Validated
public record ConversationProperties(@DefaultValue("1") @Min(1) int concurrency) {

  /**
   * This bean in SpEL, for the listener's concurrency read from it, so its default is the one above
   * (the bean name {@code @ConfigurationPropertiesScan} gives it).
   */
  public static final String BEAN =
      "@'earshot.extraction.conversations-dev.earshot.extraction.conversation.ConversationProperties'";
}

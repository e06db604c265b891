package dev.earshot.gateway.connection;

import dev.earshot.gateway.GatewayProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feed's condition, shared by the feed, the table and the health indicators. */
@Configuration(proxyBeanMethods = false)
class ConnectionFeedConfiguration {

  @Bean
  FeedCondition feedCondition(GatewayProperties properties, Clock clock) {
    return new FeedCondition(clock, properties.feed().readyWithin(), properties.feed().deadAfter());
  }
}

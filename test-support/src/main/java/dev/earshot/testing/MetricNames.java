package dev.earshot.testing;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the dashboard and the alert rules query: Earshot's meters and the libraries'
 * meters they use ({@code gong_client_*}, the Kafka client's, Spring Kafka's, JVM and process), as
 * Prometheus exports them. deployment's DashboardTest checks them against the code's meters,
 * earshot-local's LocalStackIT against a running system's {@code /actuator/prometheus}.
 */
public final class MetricNames {

  /** A metric name in PromQL (group 1). */
  public static final Pattern IN_PROMQL =
      Pattern.compile(
          "\\b((?:earshot|gong_client|kafka_consumer|spring_kafka|jvm|process)_[a-z0-9_]+)\\b");

  private MetricNames() {}

  /** Every metric name {@code text} (PromQL, a dashboard, alert rules) names, sorted. */
  public static Set<String> in(String text) {
    Set<String> named = new TreeSet<>();
    Matcher m = IN_PROMQL.matcher(text);
    while (m.find()) {
      named.add(m.group(1));
    }
    return named;
  }
}

package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/prometheus}: the alert rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules alerts-test.yml}); the Compose scrape configuration passes {@code
 * promtool check config}. promtool comes with Debian's {@code prometheus} package.
 */
class AlertRulesTest {

  @Test
  void theRulesAreValidAndTheirUnitTestsPass() {
    Tools.require("promtool");

    Tools.Run check = Tools.run("promtool", "check", "rules", "deploy/prometheus/alerts.yml");
    Tools.Run test = Tools.run("promtool", "test", "rules", "deploy/prometheus/alerts-test.yml");
    Tools.Run config = Tools.run("promtool", "check", "config", "deploy/prometheus/prometheus.yml");

    assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
    assertThat(check.stdout() + check.stderr()).contains("SUCCESS: 14 rules found");
    assertThat(test.exitCode()).as(test.stdout() + test.stderr()).isZero();
    assertThat(config.exitCode()).as(config.stdout() + config.stderr()).isZero();
  }

  /**
   * A counter Micrometer registers at its first increment (listed in {@code
   * metrics-on-first-event.txt}) reaches Prometheus already at 1, which {@code increase()} reads as
   * no change: every alert that fires on one event of such a counter ({@code increase(x[w])) > 0})
   * must also fire on a series seen in the last window but not the one before ({@code
   * max_over_time(x[w]) unless max_over_time(x[w] offset w)}).
   */
  @Test
  void singleEventAlertsOnCountersCreatedAtTheirFirstEventSeeTheFirstEvent() throws Exception {
    String rules = Files.readString(Tools.ROOT.resolve("deploy/prometheus/alerts.yml"));
    Set<String> firstEvent = new HashSet<>();
    for (String line :
        Files.readAllLines(Tools.ROOT.resolve("deploy/prometheus/metrics-on-first-event.txt"))) {
      String name = line.replaceAll("#.*", "").strip();
      if (!name.isEmpty()) {
        firstEvent.add(name);
      }
    }
    Matcher single =
        Pattern.compile("increase\\((\\w+)(\\{[^}]*\\})?\\[(\\w+)\\]\\)\\)\\s*>\\s*0(?![.\\d])")
            .matcher(rules);
    int checked = 0;
    while (single.find()) {
      String counter = single.group(1);
      if (firstEvent.contains(counter)) {
        checked++;
        assertThat(rules)
            .as("an alert on one event of %s also fires on a new series", counter)
            .containsPattern(
                "max_over_time\\("
                    + counter
                    + "(\\{[^}]*\\})?\\["
                    + single.group(3)
                    + "\\]\\) unless max_over_time\\("
                    + counter
                    + "\\["
                    + single.group(3)
                    + "\\] offset "
                    + single.group(3)
                    + "\\)");
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(3);
  }

  /** The unit tests can fail: an alert expected with another value does not pass. */
  @Test
  void aWrongExpectationFailsTheRuleTests(@TempDir Path dir) throws Exception {
    Tools.require("promtool");
    Files.copy(Tools.ROOT.resolve("deploy/prometheus/alerts.yml"), dir.resolve("alerts.yml"));
    String tests = Files.readString(Tools.ROOT.resolve("deploy/prometheus/alerts-test.yml"));
    String wrong = tests.replace("used 9600 of", "used 9601 of");
    assertThat(wrong).isNotEqualTo(tests);
    Files.writeString(dir.resolve("alerts-test.yml"), wrong);

    Tools.Run test =
        Tools.run("promtool", "test", "rules", dir.resolve("alerts-test.yml").toString());

    assertThat(test.exitCode()).isNotZero();
  }
}

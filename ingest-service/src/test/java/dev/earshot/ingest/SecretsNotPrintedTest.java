package dev.earshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No settings or request record prints a secret: every String component whose name says it holds
 * one (secret, key, token, password — a keyset, a state key, an access key) is left out of the
 * record's {@code toString}, which is what a log line, an exception message or a debugger shows.
 * Records are found by reflection (every record nested in {@link IngestProperties}, and the
 * connection API's bodies, that holds such a component), so a secret added later is covered.
 */
class SecretsNotPrintedTest {

  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(secret|key|token|password).*", Pattern.CASE_INSENSITIVE);

  static Stream<Class<?>> records() throws ClassNotFoundException {
    List<Class<?>> records = new ArrayList<>();
    for (Class<?> nested : IngestProperties.class.getDeclaredClasses()) {
      if (nested.isRecord()) {
        records.add(nested);
      }
    }
    for (Class<?> nested :
        Class.forName("dev.earshot.ingest.connection.ConnectionController").getDeclaredClasses()) {
      if (nested.isRecord()) {
        records.add(nested);
      }
    }
    // only records holding a secret have something to hide
    return records.stream()
        .filter(
            r ->
                Stream.of(r.getRecordComponents())
                    .anyMatch(
                        c ->
                            c.getType() == String.class
                                && SECRET_NAME.matcher(c.getName()).matches()));
  }

  @ParameterizedTest
  @MethodSource("records")
  void aRecordNeverPrintsTheSecretsItHolds(Class<?> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      Class<?> t = components[i].getType();
      String name = components[i].getName();
      if (t == String.class) {
        values[i] = "value-of-" + name.toLowerCase(Locale.ROOT) + "-0123456789";
        if (SECRET_NAME.matcher(name).matches()) {
          secrets.add((String) values[i]);
        }
      } else if (t == boolean.class) {
        values[i] = false;
      } else if (t == int.class || t == long.class || t == double.class) {
        values[i] = t == int.class ? 0 : t == long.class ? 0L : 0.0;
      } else {
        values[i] = null;
      }
    }
    Constructor<?> canonical =
        type.getDeclaredConstructor(
            Stream.of(components).map(RecordComponent::getType).toArray(Class[]::new));
    canonical.setAccessible(true);
    String printed = canonical.newInstance(values).toString();
    for (String secret : secrets) {
      assertThat(printed).as(type.getName()).doesNotContain(secret);
    }
  }
}

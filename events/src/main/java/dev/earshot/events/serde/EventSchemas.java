package dev.earshot.events.serde;

import dev.earshot.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Every schema a consumer may meet on the wire: the current schema of each event type and each
 * released version kept under {@code dev/earshot/events/released/}, so a record written by an older
 * producer still decodes after an upgrade.
 */
public final class EventSchemas {

  private static final AtomicBoolean trusted = new AtomicBoolean();
  private static final String EVENTS_PACKAGE = "dev.earshot.events";
  static final String RELEASED_ROOT = "dev/earshot/events/released/";
  private static final int MAX_RELEASED_VERSIONS = 1000;

  private final SchemaStore.Cache store = new SchemaStore.Cache();
  private final Map<String, Class<? extends SpecificRecord>> typesByFullName;

  static {
    trustEventClasses();
  }

  private EventSchemas() {
    typesByFullName =
        Topics.ALL.stream()
            .map(Topics.Topic::valueType)
            .collect(Collectors.toUnmodifiableMap(EventSchemas::fullName, Function.identity()));
    for (Class<? extends SpecificRecord> type : typesByFullName.values()) {
      store.addSchema(SpecificData.get().getSchema(type));
      released(type).forEach(store::addSchema);
    }
  }

  private static final EventSchemas INSTANCE = new EventSchemas();

  public static EventSchemas get() {
    return INSTANCE;
  }

  SchemaStore store() {
    return store;
  }

  Optional<Class<? extends SpecificRecord>> typeOf(Schema writerSchema) {
    return Optional.ofNullable(typesByFullName.get(writerSchema.getFullName()));
  }

  /** The released versions of a type, oldest first ({@code Name.v1.avsc}, {@code Name.v2...}). */
  public static List<Schema> released(Class<? extends SpecificRecord> type) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; v <= MAX_RELEASED_VERSIONS; v++) {
      String path = RELEASED_ROOT + type.getSimpleName() + ".v" + v + ".avsc";
      try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + path, e);
      }
    }
    return versions;
  }

  /**
   * Avro 1.12 refuses to instantiate classes named in schemas unless trusted; trust exactly the
   * generated event package, on top of whatever the application already trusts.
   */
  static void trustEventClasses() {
    if (!trusted.compareAndSet(false, true)) {
      return;
    }
    ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            current, type -> EVENTS_PACKAGE.equals(type.getPackageName())));
  }

  private static String fullName(Class<? extends SpecificRecord> type) {
    return SpecificData.get().getSchema(type).getFullName();
  }
}

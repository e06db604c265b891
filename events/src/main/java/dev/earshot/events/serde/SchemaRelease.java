package dev.earshot.events.serde;

import dev.earshot.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Release step: writes each event type's current schema as its next released version under the
 * given resources directory when it differs from the latest released one. Run it when cutting a
 * release; the compatibility test then holds later changes to it.
 */
public final class SchemaRelease {

  private SchemaRelease() {}

  public static void main(String[] args) throws IOException {
    Path root =
        Path.of(args.length > 0 ? args[0] : "events/src/main/resources")
            .resolve(EventSchemas.RELEASED_ROOT);
    Files.createDirectories(root);
    for (Topics.Topic topic : Topics.ALL) {
      Schema current = SpecificData.get().getSchema(topic.valueType());
      List<Schema> released = releasedIn(root, topic.valueType().getSimpleName());
      boolean unchanged =
          !released.isEmpty()
              && AvroEventDeserializer.fingerprintOf(released.getLast())
                  == AvroEventDeserializer.fingerprintOf(current);
      if (unchanged) {
        continue;
      }
      Path file =
          root.resolve(topic.valueType().getSimpleName() + ".v" + (released.size() + 1) + ".avsc");
      Files.writeString(file, current.toString(true) + System.lineSeparator());
      System.out.println("released " + file);
    }
  }

  /** Reads the source tree, not the classpath, so a stale build output cannot hide a change. */
  private static List<Schema> releasedIn(Path root, String typeName) throws IOException {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      Path file = root.resolve(typeName + ".v" + v + ".avsc");
      if (!Files.exists(file)) {
        return versions;
      }
      versions.add(new Schema.Parser().parse(file.toFile()));
    }
  }
}

package dev.earshot.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.serde.EventSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaCompatibilityTest {

  static Stream<Topics.Topic> topics() {
    return Topics.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("topics")
  void everyReleasedVersionIsReadableByTheCurrentSchema(Topics.Topic topic) {
    // given
    Schema current = SpecificData.get().getSchema(topic.valueType());
    List<Schema> released = EventSchemas.released(topic.valueType());

    // then
    assertThat(released).as("released versions of %s", topic.name()).isNotEmpty();
    for (Schema writer : released) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
      assertThat(result.getType())
          .as("%s: %s", topic.name(), result.getDescription())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @Test
  void aChangedFieldTypeFailsTheCheck() {
    // given a reader that changed Call.durationSeconds from long to string
    Schema released = EventSchemas.released(Call.class).getFirst();
    Schema changed =
        new Schema.Parser()
            .parse(
                released
                    .toString()
                    .replace(
                        "\"name\":\"durationSeconds\",\"type\":\"long\"",
                        "\"name\":\"durationSeconds\",\"type\":\"string\""));
    assertThat(changed.getField("durationSeconds").schema().getType())
        .isEqualTo(Schema.Type.STRING);

    // when
    var result = SchemaCompatibility.checkReaderWriterCompatibility(changed, released);

    // then
    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void aNewFieldWithoutADefaultFailsTheCheck() {
    Schema released = EventSchemas.released(CallEvent.class).getFirst();
    Schema changed =
        new Schema.Parser()
            .parse(
                released
                    .toString()
                    .replace(
                        "\"fields\":[",
                        "\"fields\":[{\"name\":\"mandatoryNew\",\"type\":\"string\"},"));

    var result = SchemaCompatibility.checkReaderWriterCompatibility(changed, released);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @ParameterizedTest
  @MethodSource("topics")
  void everyEnumHasADefaultSymbolAndEveryFieldIsDocumented(Topics.Topic topic) {
    List<String> problems = new ArrayList<>();
    inspect(SpecificData.get().getSchema(topic.valueType()), problems, new ArrayList<>());
    assertThat(problems).isEmpty();
  }

  private static void inspect(Schema schema, List<String> problems, List<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.contains(schema.getFullName())) {
          return;
        }
        seen.add(schema.getFullName());
        if (schema.getDoc() == null) {
          problems.add(schema.getFullName() + " has no doc");
        }
        for (Schema.Field field : schema.getFields()) {
          if (field.doc() == null || field.doc().isBlank()) {
            problems.add(schema.getFullName() + "." + field.name() + " has no doc");
          }
          inspect(field.schema(), problems, seen);
        }
      }
      case ENUM -> {
        if (schema.getEnumDefault() == null) {
          problems.add(schema.getFullName() + " has no default symbol");
        }
      }
      case ARRAY -> inspect(schema.getElementType(), problems, seen);
      case MAP -> inspect(schema.getValueType(), problems, seen);
      case UNION -> schema.getTypes().forEach(t -> inspect(t, problems, seen));
      default -> {}
    }
  }
}

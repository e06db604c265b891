package dev.earshot.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.serde.AvroEventDeserializer;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.events.serde.EventSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** feedback.posts.v1 carries merge suggestions without breaking readers of the first release. */
class MergeSuggestedEventTest {

  static PostEvent suggested() {
    return PostEvent.newBuilder(SampleEvents.postEvent())
        .setType(PostEventType.MERGE_SUGGESTED)
        .setSuggestion(
            MergeSuggestionRef.newBuilder()
                .setSuggestionId("s-1")
                .setCandidatePostId("post-0")
                .setScore(0.41)
                .setItemQuote("We need Okta single sign-on.")
                .setCandidateQuote("Our security team wants SSO through Okta.")
                .build())
        .build();
  }

  @Test
  void aMergeSuggestionRoundTripsOnThePostsTopic() {
    byte[] bytes = new AvroEventSerializer().serialize(Topics.POSTS, suggested());
    PostEvent back = (PostEvent) new AvroEventDeserializer().deserialize(Topics.POSTS, bytes);
    assertThat(back).isEqualTo(suggested());
    assertThat(back.getType()).isEqualTo(PostEventType.MERGE_SUGGESTED);
    assertThat(back.getSuggestion().getCandidatePostId()).isEqualTo("post-0");
    assertThat(back.getSuggestion().getScore()).isEqualTo(0.41);
  }

  @Test
  void aReaderOfTheFirstReleaseReadsASuggestionAsAnUnknownChangeAndSkipsItsFields()
      throws IOException {
    // given the event written with today's schema
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(PostEvent.class).write(suggested(), encoder);
    encoder.flush();
    // when a consumer still on PostEvent v1 reads it
    Schema v1 = EventSchemas.released(PostEvent.class).getFirst();
    GenericData.Record old =
        new GenericDatumReader<GenericData.Record>(PostEvent.getClassSchema(), v1)
            .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    // then the new symbol falls back to the enum's default and the rest is intact
    assertThat(old.get("type").toString()).isEqualTo("UNKNOWN");
    assertThat(old.get("postId").toString()).isEqualTo("post-1");
    assertThat(old.getSchema().getField("suggestion")).isNull();
  }
}

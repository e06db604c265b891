package dev.earshot.dedup.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostVectorTest {

  @Test
  void vectorsSurviveTheirStoredBytes() {
    float[] v = {0.25f, -1.5f, 3.0e-7f, Float.MIN_VALUE};
    assertThat(PostVector.floats(PostVector.bytes(v))).containsExactly(v);
  }

  @Test
  void splittingAMentionOffUndoesAddingIt() {
    UUID id = UUID.randomUUID();
    PostVector post = PostVector.first(id, new float[] {1, 0}).plus(new float[] {0, 1});
    PostVector back = post.minus(new float[] {0, 1});
    assertThat(back.mentions()).isEqualTo(1);
    assertThat(back.sum()).containsExactly(1f, 0f);
  }

  @Test
  void mergingAddsMentionsAndSums() {
    PostVector a = PostVector.first(UUID.randomUUID(), new float[] {1, 0});
    PostVector b = PostVector.first(UUID.randomUUID(), new float[] {0, 1}).plus(new float[] {0, 1});
    PostVector merged = a.plus(b);
    assertThat(merged.postId()).isEqualTo(a.postId());
    assertThat(merged.mentions()).isEqualTo(3);
    assertThat(merged.sum()).containsExactly(1f, 2f);
    assertThat(merged.averageSimilarity(new float[] {0, 1})).isEqualTo(2.0 / 3);
  }
}

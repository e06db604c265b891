package dev.earshot.dedup.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostTagsTest {

  @Test
  void everyPostSaysItCameFromGongOnce() {
    assertThat(PostTags.withSource(List.of("sso", PostTags.SOURCE)))
        .containsExactly(PostTags.SOURCE, PostTags.SOURCE_TYPE, "sso");
  }

  @Test
  void aJoiningItemAddsItsNewTags() {
    assertThat(PostTags.union(List.of("a", "b"), List.of("b", "c"))).containsExactly("a", "b", "c");
  }
}

package dev.earshot.dedup.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PostLimitsTest {

  @Test
  void aLongTextIsCutWithAnEllipsisAndNeverInsideASurrogatePair() {
    assertThat(PostLimits.clip("short", 10)).isEqualTo("short");
    assertThat(PostLimits.clip(null, 10)).isNull();
    assertThat(PostLimits.clip("abcdefghijkl", 10)).isEqualTo("abcdefghi…").hasSize(10);
    // an emoji (two chars) straddling the cut is dropped whole
    String withEmoji = "abcdefgh\uD83D\uDE00xyz";
    assertThat(PostLimits.clip(withEmoji, 10)).isEqualTo("abcdefgh…");
  }

  @Test
  void anItemsTextsAreBoundedWhenItLandsOnAPost() {
    // given an item whose model went on and on
    List<String> tags = IntStream.range(0, 500).mapToObj(i -> "tag " + i).toList();
    List<Quote> quotes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      quotes.add(
          Quote.newBuilder()
              .setText("q".repeat(50_000))
              .setStartMs(i)
              .setEndMs(i + 1)
              .setSpeakerName("Dana")
              .build());
    }
    FeedbackItem item = ItemSpec.of("org-a", "t".repeat(5_000), "d".repeat(1_000_000)).build();
    item.put("tags", tags);
    item.put("quotes", quotes);
    // when
    NewMention mention = NewMention.of(item);
    // then
    assertThat(mention.title()).hasSize(PostLimits.TITLE);
    assertThat(mention.description()).hasSize(PostLimits.DESCRIPTION).endsWith("…");
    assertThat(mention.tags())
        .hasSize(PostLimits.TAGS)
        .startsWith(PostTags.SOURCE, PostTags.SOURCE_TYPE);
    assertThat(mention.quotes()).hasSize(PostLimits.QUOTES);
    assertThat(mention.quotes()).allSatisfy(q -> assertThat(q.text()).hasSize(PostLimits.QUOTE));
    assertThat(mention.itemId()).isEqualTo(item.getItemId());
  }

  @Test
  void aPostsTagsStayBoundedHoweverManyItemsJoinIt() {
    List<String> post = PostTags.withSource(List.of("area: security"));
    for (int i = 0; i < 200; i++) {
      post = PostTags.union(post, List.of("tag " + i, "x".repeat(1_000)));
    }
    assertThat(post).hasSize(PostLimits.TAGS).contains("area: security");
    assertThat(post).allSatisfy(t -> assertThat(t).hasSizeLessThanOrEqualTo(PostLimits.TAG));
  }
}

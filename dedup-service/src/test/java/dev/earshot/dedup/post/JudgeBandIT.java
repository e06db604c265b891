package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.EXPORT;
import static dev.earshot.dedup.DedupTestSupport.EXPORT_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.judge.ProviderStub;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The judge's band is its own: with no suggestion band for the model ({@code uncertain-bands}
 * empty, so {@code Matching} never finds an item uncertain) and a wide judge band, an item joining
 * no post is still put to the judge when a candidate scores within the judge's band; its pick
 * joins, and its "none" starts a post with no merge suggestion (those follow the suggestion band).
 */
@JudgedBoardTest
@TestPropertySource(
    properties = {
      "earshot.dedup.judge.mode=join",
      "earshot.dedup.judge.band=0.6",
      "earshot.dedup.uncertain-bands.all-minilm-l6-v2=0"
    })
class JudgeBandIT {

  static final Path index = DedupTestSupport.indexDirectory();
  static final ProviderStub provider = ProviderStub.started();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
    registry.add("earshot.dedup.judge.openai.base-url", provider::baseUrl);
  }

  @AfterAll
  static void stopStub() {
    provider.close();
  }

  @Autowired ConsolidatingFeedback consolidating;
  @Autowired JdbcClient jdbc;

  private static String org() {
    return "org-" + UUID.randomUUID();
  }

  private long suggestions(String org) {
    return jdbc.sql("select count(*) from merge_suggestion where org_id = :org")
        .param("org", org)
        .query(Long.class)
        .single();
  }

  @Test
  void anItemOutsideTheSuggestionBandButInsideTheJudgesIsJudgedAndJoinsItsPick() {
    String org = org();
    var first = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    int asked = provider.seen.size();
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(1)));

    var second = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());

    assertThat(provider.seen).hasSize(asked + 1);
    assertThat(second)
        .isInstanceOfSatisfying(
            Consolidation.Joined.class, j -> assertThat(j.postId()).isEqualTo(first.postId()));
  }

  @Test
  void anItemTheJudgeDeclinesOutsideTheSuggestionBandStartsAPostWithNoSuggestion() {
    String org = org();
    consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    int asked = provider.seen.size();
    provider.reply(ProviderStub.Reply.ok(ProviderStub.judgePick(0)));

    var second = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());

    assertThat(provider.seen).hasSize(asked + 1);
    assertThat(second).isInstanceOf(Consolidation.NewPost.class);
    assertThat(suggestions(org)).isZero();
  }
}

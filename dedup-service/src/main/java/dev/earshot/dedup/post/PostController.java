package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.MergeSuggestion;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostLimits;
import dev.earshot.dedup.board.PostStatus;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.kit.security.CurrentOrg;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The posts API: members read the org's board and its merge suggestions, admins merge, split, edit
 * and accept or dismiss suggestions.
 */
@RestController
@RequestMapping("/api/v1/posts")
class PostController {

  private static final Set<String> KINDS = Set.of("feature_request", "bug", "limitation", "ux");

  record PostView(
      UUID id,
      String board,
      String category,
      String kind,
      String title,
      String description,
      List<String> tags,
      String status,
      int mentionCount,
      Instant firstSeen,
      Instant lastSeen,
      String highestPriority,
      BigDecimal dealAmountAtStake,
      Post.SentimentMix sentimentMix,
      UUID mergedInto,
      Instant createdAt,
      Instant updatedAt,
      Map<String, String> links) {

    static PostView of(Post p) {
      return new PostView(
          p.id(),
          p.board(),
          p.category(),
          p.kind().toLowerCase(Locale.ROOT),
          p.title(),
          p.description(),
          p.tags(),
          p.status().apiName(),
          p.mentionCount(),
          p.firstSeen(),
          p.lastSeen(),
          p.highestPriority().toLowerCase(Locale.ROOT),
          p.dealAmountAtStake(),
          p.sentiments(),
          p.mergedInto(),
          p.createdAt(),
          p.updatedAt(),
          Map.of("self", "/api/v1/posts/" + p.id()));
    }
  }

  record Author(String name, String email, String title) {}

  record Account(String id, String name, BigDecimal dealAmount, String dealCurrency) {}

  record MentionView(
      UUID id,
      String itemId,
      String callId,
      String callUrl,
      Instant callStartedAt,
      Author author,
      Account account,
      String kind,
      String priority,
      String sentiment,
      String title,
      String description,
      List<QuoteRef> quotes,
      Instant addedAt) {

    static MentionView of(Mention m) {
      var i = m.item();
      return new MentionView(
          m.id(),
          i.itemId(),
          i.callId(),
          i.callUrl(),
          i.callStartedAt(),
          new Author(i.authorName(), i.authorEmail(), i.authorTitle()),
          i.accountId() == null && i.accountName() == null
              ? null
              : new Account(i.accountId(), i.accountName(), i.dealAmount(), i.dealCurrency()),
          i.kind().toLowerCase(Locale.ROOT),
          i.priority().toLowerCase(Locale.ROOT),
          i.sentiment().toLowerCase(Locale.ROOT),
          i.title(),
          i.description(),
          i.quotes(),
          m.createdAt());
    }
  }

  record PostDetail(PostView post, List<MentionView> mentions, List<Map<String, Object>> history) {}

  record PageView(List<PostView> items, int page, int size, long total) {}

  record MergeBody(UUID from) {}

  record PostRef(UUID id, String title, String link) {
    static PostRef of(UUID id, String title) {
      return new PostRef(id, title, "/api/v1/posts/" + id);
    }
  }

  /**
   * A merge suggestion: {@code post} (new) would merge into {@code candidate}; accepting does so.
   */
  record SuggestionView(
      UUID id,
      String status,
      double score,
      PostRef post,
      PostRef candidate,
      MergeSuggestion.Evidence evidence,
      Instant createdAt,
      Instant decidedAt,
      String decidedBy,
      Map<String, String> links) {

    static SuggestionView of(ReviewingSuggestions.Listed l) {
      MergeSuggestion s = l.suggestion();
      String self = "/api/v1/posts/suggestions/" + s.id();
      return new SuggestionView(
          s.id(),
          s.status().apiName(),
          Math.round(s.score() * 10_000) / 10_000.0,
          PostRef.of(s.postId(), l.postTitle()),
          PostRef.of(s.candidateId(), l.candidateTitle()),
          s.evidence(),
          s.createdAt(),
          s.decidedAt(),
          s.decidedBy(),
          Map.of("accept", self + "/accept", "dismiss", self + "/dismiss"));
    }
  }

  record SuggestionPage(List<SuggestionView> items, int page, int size, long total) {}

  record EditBody(String title, String description, String status) {}

  private final ReadingPosts reading;
  private final MergingPosts merging;
  private final SplittingMention splitting;
  private final EditingPost editing;
  private final ReviewingSuggestions reviewing;

  PostController(
      ReadingPosts reading,
      MergingPosts merging,
      SplittingMention splitting,
      EditingPost editing,
      ReviewingSuggestions reviewing) {
    this.reading = reading;
    this.merging = merging;
    this.splitting = splitting;
    this.editing = editing;
    this.reviewing = reviewing;
  }

  /** The org's open merge suggestions, highest score first, paged like the posts. */
  @GetMapping("/suggestions")
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  SuggestionPage suggestions(
      @AuthenticationPrincipal Jwt jwt,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    ReviewingSuggestions.Page found =
        reviewing.open(CurrentOrg.of(jwt).orgId(), page(page), size(size));
    return new SuggestionPage(
        found.suggestions().stream().map(SuggestionView::of).toList(),
        found.page(),
        found.size(),
        found.total());
  }

  /** Merges the suggestion's new post into its candidate; accepting again changes nothing. */
  @PostMapping("/suggestions/{id}/accept")
  @PreAuthorize("hasRole('ADMIN')")
  SuggestionView accept(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
    CurrentOrg org = CurrentOrg.of(jwt);
    return SuggestionView.of(reviewing.accept(org.orgId(), id, org.subject()));
  }

  /** Dismisses the suggestion: the pair is never suggested again. */
  @PostMapping("/suggestions/{id}/dismiss")
  @PreAuthorize("hasRole('ADMIN')")
  SuggestionView dismiss(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
    CurrentOrg org = CurrentOrg.of(jwt);
    return SuggestionView.of(reviewing.dismiss(org.orgId(), id, org.subject()));
  }

  @GetMapping
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  PageView list(
      @AuthenticationPrincipal Jwt jwt,
      @RequestParam(required = false) String board,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "mentions") String sort,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    PostQuery query =
        new PostQuery(
            board,
            category,
            status == null ? null : status(status),
            kind == null ? null : kind(kind),
            q,
            sort(sort),
            page(page),
            size(size));
    ReadingPosts.Page found = reading.list(CurrentOrg.of(jwt).orgId(), query);
    return new PageView(
        found.posts().stream().map(PostView::of).toList(),
        found.page(),
        found.size(),
        found.total());
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  PostDetail one(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
    ReadingPosts.PostWithMentions found = reading.one(CurrentOrg.of(jwt).orgId(), id);
    return new PostDetail(
        PostView.of(found.post()),
        found.mentions().stream().map(MentionView::of).toList(),
        reading.history(id));
  }

  @PostMapping("/{id}/merge")
  @PreAuthorize("hasRole('ADMIN')")
  PostView merge(
      @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @RequestBody MergeBody body) {
    if (body == null || body.from() == null) {
      throw PostProblems.invalid(
          "from", "Give \"from\": the id of the post to merge into this one.");
    }
    CurrentOrg org = CurrentOrg.of(jwt);
    return PostView.of(merging.merge(org.orgId(), id, body.from(), org.subject()));
  }

  @PostMapping("/{id}/mentions/{mentionId}/split")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<PostView> split(
      @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable UUID mentionId) {
    CurrentOrg org = CurrentOrg.of(jwt);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(PostView.of(splitting.split(org.orgId(), id, mentionId, org.subject())));
  }

  @PatchMapping("/{id}")
  @PreAuthorize("hasRole('ADMIN')")
  PostView edit(
      @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @RequestBody EditBody body) {
    if (body == null
        || (body.title() == null && body.description() == null && body.status() == null)) {
      throw PostProblems.invalid(
          "changes", "Give at least one of \"title\", \"description\" and \"status\".");
    }
    if (body.title() != null
        && (body.title().isBlank() || body.title().length() > PostLimits.TITLE)) {
      throw PostProblems.invalid("title", "A title has 1 to " + PostLimits.TITLE + " characters.");
    }
    if (body.description() != null && body.description().length() > PostLimits.DESCRIPTION) {
      throw PostProblems.invalid(
          "description",
          "A description has at most "
              + PostLimits.DESCRIPTION
              + " characters; this one has "
              + body.description().length()
              + ".");
    }
    PostStatus status = body.status() == null ? null : status(body.status());
    if (status == PostStatus.MERGED) {
      throw PostProblems.invalid(
          "status", "A post becomes merged by merging it (POST /api/v1/posts/{target}/merge).");
    }
    CurrentOrg org = CurrentOrg.of(jwt);
    return PostView.of(
        editing.edit(
            org.orgId(),
            id,
            new EditingPost.Changes(body.title(), body.description(), status),
            org.subject()));
  }

  private static PostStatus status(String value) {
    try {
      return PostStatus.fromApiName(value);
    } catch (IllegalArgumentException e) {
      throw PostProblems.invalid(
          "status",
          "Unknown status '"
              + value
              + "'; one of "
              + Arrays.stream(PostStatus.values()).map(PostStatus::apiName).toList()
              + ".");
    }
  }

  private static String kind(String value) {
    if (!KINDS.contains(value)) {
      throw PostProblems.invalid("kind", "Unknown kind '" + value + "'; one of " + KINDS + ".");
    }
    return value;
  }

  private static PostQuery.Sort sort(String value) {
    try {
      return PostQuery.Sort.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw PostProblems.invalid(
          "sort", "Unknown sort '" + value + "'; one of mentions, recent, deal_amount.");
    }
  }

  private static int page(int page) {
    if (page < 0) {
      throw PostProblems.invalid("page", "Pages count from 0.");
    }
    return page;
  }

  private static int size(int size) {
    if (size < 1 || size > PostQuery.MAX_SIZE) {
      throw PostProblems.invalid("size", "A page holds 1 to " + PostQuery.MAX_SIZE + " posts.");
    }
    return size;
  }
}

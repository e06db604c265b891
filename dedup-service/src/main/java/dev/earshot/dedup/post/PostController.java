package dev.earshot.dedup.post;

import dev.earshot.dedup.board.PostLimits;
import dev.earshot.dedup.board.PostStatus;
import dev.earshot.events.FeedbackKind;
import dev.earshot.kit.security.CurrentOrg;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

  /**
   * The kinds a filter may name: the contract's {@link FeedbackKind} symbols in lower case, but its
   * reader-side fallback {@code UNKNOWN}.
   */
  private static final List<String> KINDS =
      Arrays.stream(FeedbackKind.values())
          .filter(k -> k != FeedbackKind.UNKNOWN)
          .map(k -> k.name().toLowerCase(Locale.ROOT))
          .toList();

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

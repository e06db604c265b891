package dev.earshot.dedup.post;

import dev.earshot.kit.web.ApiProblem;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Every error a board user can meet, each saying what happened and what to do. */
final class PostProblems {

  private PostProblems() {}

  static ApiProblem noSuchPost(UUID id) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND, "no-such-post", "No such post", "This org has no post " + id + ".");
  }

  static ApiProblem noSuchMention(UUID postId, UUID mentionId) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "no-such-mention",
        "No such mention",
        "Post " + postId + " has no mention " + mentionId + ".");
  }

  static ApiProblem mergedPost(UUID id, UUID into) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "post-merged",
        "Post was merged",
        "Post " + id + " was merged into " + into + "; act on that post instead.");
  }

  static ApiProblem mergeIntoItself() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "merge-into-itself",
        "Cannot merge a post into itself",
        "Give \"from\" the id of another post of this org.");
  }

  static ApiProblem differentModels(UUID target, String targetModel, UUID from, String fromModel) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "different-embedding-models",
        "Posts of different embedding models",
        "Post "
            + target
            + " was embedded with "
            + targetModel
            + " and post "
            + from
            + " with "
            + fromModel
            + "; their vectors cannot be merged. Merge into a post of the same model.");
  }

  static ApiProblem onlyMention() {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "only-mention",
        "Nothing to split",
        "This is the post's only mention; it is a post of its own already.");
  }

  static ApiProblem invalid(String field, String reason) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-" + field, "Invalid " + field, reason);
  }

  static ApiProblem noSuchSuggestion(UUID id) {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "no-such-suggestion",
        "No such merge suggestion",
        "This org has no merge suggestion " + id + ".");
  }

  /**
   * The suggestion was decided otherwise ({@code dismissed}, {@code accepted} or {@code closed}).
   */
  static ApiProblem suggestionDecided(UUID id, String status) {
    String why =
        switch (status) {
          case "closed" -> " was closed: one of its posts was merged since it was made.";
          case "dismissed" ->
              " was dismissed; that pair is not suggested again. Merge the posts"
                  + " with POST /api/v1/posts/{target}/merge if they are one request.";
          default -> " was accepted already: its posts are merged.";
        };
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "suggestion-" + status,
        "Merge suggestion " + status,
        "Merge suggestion " + id + why);
  }
}

package dev.earshot.assistant.mcp;

import dev.earshot.assistant.board.BoardPost;
import dev.earshot.assistant.board.ReadingBoard;
import dev.earshot.assistant.board.SuggestionsFromDedup;
import java.util.List;
import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * MCP tools over the feedback board: top feedback, one post ({@code get_feedback}), merge
 * suggestions ({@code list_duplicate_suggestions}). Read-only; no tool name holds a write word
 * ("post" and "merge" included), so the names say feedback and duplicate instead.
 */
@Component
class FeedbackTools {

  /** What {@code list_top_feedback} answers. */
  record TopFeedback(String rankedBy, List<BoardPost> posts) {}

  private final ReadingBoard board;
  private final SuggestionsFromDedup suggestions;

  FeedbackTools(ReadingBoard board, SuggestionsFromDedup suggestions) {
    this.board = board;
    this.suggestions = suggestions;
  }

  @McpTool(
      name = "list_top_feedback",
      description =
          "The org's top feedback posts (feature requests, missing capabilities, limitations, UX"
              + " complaints heard on calls), ranked by number of mentions or by deal amount at"
              + " stake.",
      annotations =
          @McpTool.McpAnnotations(
              title = "List top feedback",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  TopFeedback listTopFeedback(
      @McpToolParam(description = "mentions (default) or deal_amount", required = false) String by,
      @McpToolParam(description = "How many posts, 1 to 100. Default 10.", required = false)
          Integer limit) {
    List<BoardPost> posts = board.top(CallerOrg.current(), by, limit);
    return new TopFeedback(by == null || by.isBlank() ? "mentions" : by.strip(), posts);
  }

  @McpTool(
      name = "get_feedback",
      description =
          "One feedback post (a deduplicated request on the board) with its mentions: the calls"
              + " it was heard on, their accounts and the customers' own words.",
      annotations =
          @McpTool.McpAnnotations(
              title = "Get feedback",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  BoardPost getPost(@McpToolParam(description = "The post id.") String postId) {
    return board
        .post(CallerOrg.current(), postId)
        .orElseThrow(() -> new IllegalArgumentException("no post '" + postId + "' in this org"));
  }

  @McpTool(
      name = "list_duplicate_suggestions",
      description =
          "Open merge suggestions: pairs of feedback posts that may be the same request, with"
              + " their score and the two closest quotes, best first (the board's review queue)."
              + " Reviewing them is done on the board, not here.",
      annotations =
          @McpTool.McpAnnotations(
              title = "List duplicate suggestions",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  JsonNode listMergeSuggestions(
      @McpToolParam(description = "How many, 1 to 100. Default 20.", required = false)
          Integer limit) {
    int size = limit == null ? 20 : limit;
    if (size < 1 || size > 100) {
      throw new IllegalArgumentException("limit must be between 1 and 100");
    }
    return suggestions.open(CallerOrg.token().getTokenValue(), size);
  }
}

package dev.earshot.assistant.mcp;

import dev.earshot.assistant.call.HeldCall;
import dev.earshot.assistant.call.ReadingCalls;
import java.util.List;
import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

/** MCP tools over the calls read model: search calls, get a call's summary. Read-only. */
@Component
class CallTools {

  /** What {@code search_calls} answers: the calls, newest first, and how many. */
  record FoundCalls(List<HeldCall.Listed> calls, int count) {}

  private final ReadingCalls reading;

  CallTools(ReadingCalls reading) {
    this.reading = reading;
  }

  @McpTool(
      name = "search_calls",
      description =
          "Search the org's recorded sales and customer calls by date range and words in the call"
              + " title, participants (names, job titles, emails) and company. Newest first.",
      annotations =
          @McpTool.McpAnnotations(
              title = "Search calls",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  FoundCalls searchCalls(
      @McpToolParam(
              description = "Earliest call start: ISO-8601 instant or date. Default: 90 days ago.",
              required = false)
          String from,
      @McpToolParam(
              description = "Latest call start, exclusive: ISO-8601 instant or date. Default: now.",
              required = false)
          String to,
      @McpToolParam(description = "Words that must all match, e.g. 'acme sso'.", required = false)
          String query,
      @McpToolParam(description = "Most calls to return, 1 to 200. Default 20.", required = false)
          Integer limit) {
    List<HeldCall.Listed> calls = reading.search(CallerOrg.current(), from, to, query, limit);
    return new FoundCalls(calls, calls.size());
  }

  @McpTool(
      name = "get_call_summary",
      description =
          "One call's Gong summary: brief, outline, highlights, key points, points of interest,"
              + " speakers with talk time, participants, duration and the Gong URL.",
      annotations =
          @McpTool.McpAnnotations(
              title = "Get call summary",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  HeldCall getCallSummary(@McpToolParam(description = "The Gong call id.") String callId) {
    return reading.get(CallerOrg.current(), callId);
  }
}

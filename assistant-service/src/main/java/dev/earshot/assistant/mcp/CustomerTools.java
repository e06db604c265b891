package dev.earshot.assistant.mcp;

import dev.earshot.assistant.question.Answer;
import dev.earshot.assistant.question.AnsweringQuestions;
import dev.earshot.assistant.question.Question;
import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

/** The MCP tool for questions about a customer. Read-only. */
@Component
class CustomerTools {

  private final AnsweringQuestions answering;

  CustomerTools(AnsweringQuestions answering) {
    this.answering = answering;
  }

  @McpTool(
      name = "ask_about_customer",
      description =
          "Answer a question about a customer from their recent calls (last 90 days): Gong's"
              + " summaries and the feedback heard on them, each passage citing its call (id,"
              + " title, date, URL). Says why when no call matches the name.",
      annotations =
          @McpTool.McpAnnotations(
              title = "Ask about a customer",
              readOnlyHint = true,
              destructiveHint = false,
              idempotentHint = true,
              openWorldHint = false))
  Answer askAboutCustomer(
      @McpToolParam(description = "The customer's name, e.g. 'Acme'.") String customer,
      @McpToolParam(description = "The question, e.g. 'what did they say about SSO?'")
          String question,
      @McpToolParam(
              description = "How many recent calls to read, 1 to 20. Default 5.",
              required = false)
          Integer maxCalls) {
    return answering.answer(CallerOrg.current(), Question.of(customer, question, maxCalls));
  }
}

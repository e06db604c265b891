/**
 * The MCP server: read-only tools for AI assistants on Streamable HTTP ({@code POST /mcp}, Spring
 * AI's MCP server starter), each scoped to the org of the caller's bearer token. No tool writes.
 */
package dev.earshot.assistant.mcp;

/**
 * From feedback sentences to items: grouping sentences that voice one request, and describing each
 * item (title, description, sentiment, priority, feature area, pain points, quotes, author).
 */
package dev.earshot.extraction.extract;

/** A language model's second opinion on items the embedding score leaves uncertain. */
package dev.earshot.dedup.judge;

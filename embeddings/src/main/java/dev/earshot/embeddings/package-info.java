/**
 * Sentence embeddings behind one port: the offline all-MiniLM-L6-v2 default and hosted providers.
 */
package dev.earshot.embeddings;

/** Vector search per org: the {@link VectorIndex} port and its Lucene and Qdrant adapters. */
package dev.earshot.dedup.vector;

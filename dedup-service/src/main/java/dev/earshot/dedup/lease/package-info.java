/** The embedded index's lease: one dedup-service per database consumes with a Lucene index. */
package dev.earshot.dedup.lease;

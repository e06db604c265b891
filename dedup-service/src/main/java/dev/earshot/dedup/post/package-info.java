/** The board's use cases: consolidating items into posts, reading, editing, merging, splitting. */
package dev.earshot.dedup.post;

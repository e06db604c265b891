/** Placing items on the org's boards and categories, and tagging them. */
package dev.earshot.extraction.organise;

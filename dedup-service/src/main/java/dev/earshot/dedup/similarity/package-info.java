/** How items are compared: the text that is embedded and each model's calibrated threshold. */
package dev.earshot.dedup.similarity;

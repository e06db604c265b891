/** English text analysis for feedback: sentences, tagged tokens, phrases and the title rules. */
package dev.earshot.text;

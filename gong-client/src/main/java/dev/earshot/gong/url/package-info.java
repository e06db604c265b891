/** The SSRF guard: a Gong base URL is normalised and must pass every named policy. */
package dev.earshot.gong.url;

/** How Earshot proves itself to Gong: access key + secret (Basic) or OAuth tokens (Bearer). */
package dev.earshot.gong.auth;

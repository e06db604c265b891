/**
 * Gong's limits (3 requests/s, a daily quota) per connection, on Bucket4j with a pluggable backend.
 */
package dev.earshot.gong.limit;

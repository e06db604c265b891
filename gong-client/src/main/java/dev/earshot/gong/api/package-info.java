/** Immutable records of Gong API v2 requests and responses, named and nested as Gong does. */
package dev.earshot.gong.api;

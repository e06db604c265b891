/**
 * ingest-service's internal read API as assistant-service reaches it: a service token ({@link
 * dev.earshot.assistant.ingest.ServiceTokens}: the identity provider's client-credentials grant, or
 * the local issuer) and the HTTP client ({@link dev.earshot.assistant.ingest.CallsFromIngest}).
 * Gong itself is only ever reached by ingest-service.
 */
package dev.earshot.assistant.ingest;

/**
 * The API as an OAuth2 resource server: JWTs with an org claim and a role; a local token issuer.
 */
package dev.earshot.ingest.security;

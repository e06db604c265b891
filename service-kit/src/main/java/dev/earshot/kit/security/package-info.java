/** Every API's security: JWTs with an org claim and a role, and the local profile's issuer. */
package dev.earshot.kit.security;

/** Accepting one Gong webhook: limits, authentication, payload checks, publish before 2xx. */
package dev.earshot.gateway.webhook;

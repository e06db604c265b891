/**
 * assistant-service (port 8085): read-only answers about an org's calls. {@code call} holds the
 * calls read model fed by {@code gong.calls.v1} and its API.
 */
package dev.earshot.assistant;

/**
 * The feedback board as {@code feedback.posts.v1} tells it (dedup-service owns it): each post's
 * latest state and the calls its mentions come from, for the top-feedback and post tools and for
 * answers about a customer's calls.
 */
package dev.earshot.assistant.board;

/**
 * Questions about a customer: the customer's recent calls found by name, Gong's summaries of them
 * and the feedback posts heard on them ranked against the question, answered with citations to the
 * calls (and posts) each passage comes from.
 */
package dev.earshot.assistant.question;

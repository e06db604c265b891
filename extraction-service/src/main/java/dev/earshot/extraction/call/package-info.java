/** A call as extraction sees it: who is who (customer or us), and what each person said when. */
package dev.earshot.extraction.call;

/**
 * Which Gong API operations only read, for a proxy that forwards an admin's requests to Gong: the
 * allow-list ({@link GongReadOperations}), a checked request ({@link GongRead}) and the privacy
 * rule for answers that carry calls ({@link CallsInAnswer}). Plain Java: no HTTP client here;
 * {@code GongClient#read} sends a checked request.
 */
package dev.earshot.gong.proxy;

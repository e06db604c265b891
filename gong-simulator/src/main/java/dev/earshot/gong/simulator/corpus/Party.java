package dev.earshot.gong.simulator.corpus;

/**
 * A person's participation in one call.
 *
 * @param id Gong party id
 * @param speakerId links the party to transcript monologues
 * @param person who it is
 * @param affiliation Internal, External or Unknown
 */
public record Party(String id, String speakerId, Person person, String affiliation) {}

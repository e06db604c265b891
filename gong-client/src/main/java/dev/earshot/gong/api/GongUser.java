package dev.earshot.gong.api;

import java.time.Instant;

/** A Gong user, as {@code GET /v2/users} returns it (fields Earshot uses). */
public record GongUser(
    String id,
    String emailAddress,
    String firstName,
    String lastName,
    String title,
    boolean active,
    Instant created) {}

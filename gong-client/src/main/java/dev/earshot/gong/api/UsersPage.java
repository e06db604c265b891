package dev.earshot.gong.api;

import java.util.List;

/** One page of {@code GET /v2/users}. */
public record UsersPage(String requestId, PageInfo records, List<GongUser> users) {

  public UsersPage {
    users = users == null ? List.of() : List.copyOf(users);
  }
}

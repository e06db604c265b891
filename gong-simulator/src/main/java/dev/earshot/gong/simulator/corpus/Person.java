package dev.earshot.gong.simulator.corpus;

/**
 * Someone on calls. Internal people have a Gong {@code userId}.
 *
 * @param name display name
 * @param email email address at their company's domain
 * @param title job title
 * @param userId Gong user id (internal only, else null)
 */
public record Person(String name, String email, String title, String userId) {

  public boolean internal() {
    return userId != null;
  }
}

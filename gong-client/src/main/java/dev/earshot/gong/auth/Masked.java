package dev.earshot.gong.auth;

/** How secrets are shown back to people: bullets and the last four characters. */
public final class Masked {

  private Masked() {}

  public static String lastFour(String secret) {
    if (secret == null || secret.isEmpty()) {
      return "";
    }
    String tail = secret.length() <= 4 ? "" : secret.substring(secret.length() - 4);
    return "••••••••" + tail;
  }
}

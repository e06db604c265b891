package dev.earshot.gong.url;

/** A base URL failed a policy; the message names the policy and why, never echoing secrets. */
public final class BaseUrlRefused extends IllegalArgumentException {

  private final String policy;

  public BaseUrlRefused(String policy, String reason) {
    super(reason + " (" + policy + ")");
    this.policy = policy;
  }

  public String policy() {
    return policy;
  }
}

package dev.earshot.gong.api;

/**
 * What Gong said about a call's privacy. Earshot fails closed: only {@link #PUBLIC} (Gong wrote
 * {@code "isPrivate": false}) lets anything read the call's content; {@link #UNKNOWN} means the
 * flag was absent (Gong's documented webhook sample omits it, see help.gong.io "Payload sent to
 * webhooks") and the call must be looked up in {@code calls/extensive} first.
 */
public enum Privacy {
  /** Gong said {@code isPrivate: true}. */
  PRIVATE,
  /** Gong said {@code isPrivate: false}, explicitly. */
  PUBLIC,
  /** Gong said nothing: treated as private until a lookup says otherwise. */
  UNKNOWN;

  /** From Gong's {@code isPrivate} field: null (absent) is {@link #UNKNOWN}. */
  public static Privacy of(Boolean isPrivate) {
    return isPrivate == null ? UNKNOWN : isPrivate ? PRIVATE : PUBLIC;
  }

  /** Whether the call's content may be read: only when Gong said it is not private. */
  public boolean knownPublic() {
    return this == PUBLIC;
  }
}

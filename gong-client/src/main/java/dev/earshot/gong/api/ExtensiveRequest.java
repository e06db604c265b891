package dev.earshot.gong.api;

/** Body of {@code POST /v2/calls/extensive}. */
public record ExtensiveRequest(CallsFilter filter, ContentSelector contentSelector, String cursor) {

  public ExtensiveRequest withCursor(String next) {
    return new ExtensiveRequest(filter, contentSelector, next);
  }
}

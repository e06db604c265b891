package dev.earshot.gong.url;

import java.net.URI;
import java.util.Objects;

/**
 * A Gong API base URL that passed the guard: normalised to {@code https://host} (scheme added,
 * trailing slash stripped). Only {@link BaseUrlGuard} creates one.
 */
public final class GongBaseUrl {

  private final URI uri;

  GongBaseUrl(URI uri) {
    this.uri = uri;
  }

  public URI uri() {
    return uri;
  }

  /** Resolves an API path such as {@code /v2/calls}. */
  public URI resolve(String path) {
    return URI.create(uri + path);
  }

  @Override
  public String toString() {
    return uri.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GongBaseUrl that && uri.equals(that.uri);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri);
  }
}

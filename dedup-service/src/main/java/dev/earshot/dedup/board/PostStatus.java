package dev.earshot.dedup.board;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a post stands. {@code MERGED} is set by merging only; its mentions live on elsewhere. */
public enum PostStatus {
  OPEN,
  PLANNED,
  IN_PROGRESS,
  DONE,
  DECLINED,
  MERGED;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A status a person may set (anything but merged), from its API name. */
  public static Optional<PostStatus> settable(String apiName) {
    return Arrays.stream(values())
        .filter(s -> s != MERGED && s.apiName().equals(apiName))
        .findFirst();
  }

  public static PostStatus fromApiName(String apiName) {
    return valueOf(apiName.toUpperCase(Locale.ROOT));
  }
}

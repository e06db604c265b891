package dev.earshot.gong.api;

/**
 * Gong's {@code records} block of a paged response. The last page carries no cursor.
 *
 * @param totalRecords records matching the request across all pages
 * @param currentPageSize records on this page
 * @param currentPageNumber zero-based page number
 * @param cursor opaque token for the next page, or null on the last page
 */
public record PageInfo(
    long totalRecords, int currentPageSize, int currentPageNumber, String cursor) {

  public boolean hasNext() {
    return cursor != null && !cursor.isBlank();
  }
}

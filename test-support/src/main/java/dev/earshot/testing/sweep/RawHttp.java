package dev.earshot.testing.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the request line is sent byte for byte
 * as given, so a target that {@code java.net.URI} or {@code java.net.http} would refuse ({@code
 * %ZZ}, {@code ?=x}, a raw {@code ..}) reaches the server as written.
 */
public final class RawHttp {

  /** A response: its status, its headers (names in lower case, the last one wins) and its body. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static final int TIMEOUT_MILLIS = 15_000;

  private RawHttp() {}

  /**
   * Sends one request and reads its whole response.
   *
   * @param target the request target exactly as sent: path and query, never re-encoded
   * @param headers header lines to send besides {@code Host}, {@code Connection} and {@code
   *     Content-Length} (added here unless given: a given {@code Host} replaces the usual one, a
   *     given {@code Content-Length} or {@code Transfer-Encoding} is sent instead of the body's
   *     length); a null value is not sent
   * @param body the body, or null for none (then no {@code Content-Length} either)
   * @throws IOException when the server closed the connection without a response
   */
  public static Response send(
      int port, String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      if (!has(headers, "Host")) {
        head.append("Host: localhost:").append(port).append("\r\n");
      }
      head.append("Connection: close\r\n");
      headers.forEach(
          (name, value) -> {
            if (value != null) {
              head.append(name).append(": ").append(value).append("\r\n");
            }
          });
      if (body != null && !has(headers, "Content-Length") && !has(headers, "Transfer-Encoding")) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException refusedMidway) {
        // The server may answer (413, 400) and close before reading all of a large body: read on.
      }
      return read(socket.getInputStream());
    }
  }

  private static boolean has(Map<String, String> headers, String name) {
    return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
  }

  private static Response read(InputStream in) throws IOException {
    byte[] all = readAll(in);
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new IOException(
          "no complete response ("
              + all.length
              + " bytes): "
              + new String(all, 0, Math.min(all.length, 200), StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    byte[] body =
        "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))
            ? dechunk(rest)
            : rest;
    return new Response(status, headers, body);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (IOException reset) {
      // A reset after the response was written still leaves the response: keep what came.
      if (bytes.size() == 0) {
        throw reset;
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (lineEnd < 0) {
        break;
      }
      String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = size.indexOf(';');
      int length =
          Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (length == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(chunked, start, Math.min(length, chunked.length - start));
      at = start + length + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return indexOf(haystack, 0, needle);
  }

  private static int indexOf(byte[] haystack, int from, byte[] needle) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

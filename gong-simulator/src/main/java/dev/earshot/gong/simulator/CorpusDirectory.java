package dev.earshot.gong.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;

/**
 * A corpus read from a directory of JSON files, one per call, in Gong's own shapes:
 *
 * <pre>{@code
 * {"call": <one element of calls/extensive's "calls": metaData, parties, context, content, ...>,
 *  "transcript": <one element of calls/transcript's "callTranscripts": callId, transcript>}
 * }</pre>
 *
 * <p>Every {@code *.json} file directly in the directory is read (names starting with a dot are
 * skipped), in name order. A file must hold an object with a {@code call} object whose {@code
 * metaData} has an {@code id} (string or number) and a {@code started} ISO-8601 date-time with an
 * offset; {@code metaData.duration}, when present, is a number of seconds. {@code transcript} may
 * be absent (served as an empty transcript); when present it is an object whose {@code callId}, if
 * any, is the call's id. Anything else is refused when the simulator starts, with an {@link
 * InvalidCorpusFile} naming the file and the reason: a replay that silently dropped calls would
 * make "no call missed" meaningless. Call ids must be unique.
 *
 * <p>Privacy fails closed: a call is private unless its {@code metaData.isPrivate} is exactly
 * {@code false}. The corpus's "now" is its latest call end plus {@link #MARGIN}, so every call is
 * listable at start and a 60-day backfill covers the export's last 60 days.
 */
final class CorpusDirectory {

  /** How long after its latest call end a directory corpus's "now" is. */
  static final Duration MARGIN = Duration.ofMinutes(10);

  /** A file of a corpus directory that cannot be served; the message names the file and why. */
  static final class InvalidCorpusFile extends IllegalArgumentException {
    InvalidCorpusFile(Path file, String reason) {
      super("corpus file " + file + ": " + reason);
    }

    InvalidCorpusFile(Path file, String reason, Throwable cause) {
      super("corpus file " + file + ": " + reason, cause);
    }
  }

  /** What a directory holds: its calls in start order and its "now". */
  record Loaded(List<RecordedCall> calls, Instant now) {}

  private CorpusDirectory() {}

  /**
   * Reads every call file of {@code directory}.
   *
   * @throws InvalidCorpusFile for a missing or empty directory, an unreadable or invalid file, or a
   *     call id two files share
   */
  static Loaded load(Path directory, Realism realism, long seed) {
    if (!Files.isDirectory(directory)) {
      throw new InvalidCorpusFile(directory, "not a directory");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new InvalidCorpusFile(directory, "cannot list it: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InvalidCorpusFile(directory, "holds no *.json call files");
    }
    List<RecordedCall> calls = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      RecordedCall call = read(file, i, realism, seed);
      Path earlier = seen.putIfAbsent(call.id(), file);
      if (earlier != null) {
        throw new InvalidCorpusFile(
            file, "call id " + call.id() + " is also in " + earlier.getFileName());
      }
      calls.add(call);
    }
    calls.sort(
        Comparator.comparing(RecordedCall::started)
            .thenComparing(RecordedCall::id)
            .thenComparing(RecordedCall::file));
    Instant latestEnd =
        calls.stream().map(RecordedCall::listableAt).max(Comparator.naturalOrder()).orElseThrow();
    return new Loaded(List.copyOf(calls), latestEnd.plus(MARGIN));
  }

  @SuppressWarnings("unchecked")
  private static RecordedCall read(Path file, int index, Realism realism, long seed) {
    Object parsed;
    try {
      parsed = Exchange.JSON.readValue(file.toFile(), Object.class);
    } catch (JacksonException e) {
      throw new InvalidCorpusFile(file, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> root)) {
      throw new InvalidCorpusFile(
          file, "must hold a JSON object {\"call\": ..., \"transcript\": ...}");
    }
    if (!(root.get("call") instanceof Map<?, ?> call)) {
      throw new InvalidCorpusFile(file, "has no \"call\" object");
    }
    if (!(call.get("metaData") instanceof Map<?, ?> metaData)) {
      throw new InvalidCorpusFile(file, "call has no \"metaData\" object");
    }
    Object rawId = metaData.get("id");
    if (!(rawId instanceof String || rawId instanceof Number) || rawId.toString().isBlank()) {
      throw new InvalidCorpusFile(file, "call.metaData.id must be a non-empty string");
    }
    String id = rawId.toString();
    Instant started = started(file, metaData.get("started"));
    long duration = duration(file, metaData.get("duration"));
    Map<String, Object> transcript = transcript(file, id, root.get("transcript"));
    boolean isPrivate = !Boolean.FALSE.equals(metaData.get("isPrivate"));
    Quirks.WebhookShape webhook =
        realism.webhookSampleShape()
            ? QuirkPlanner.webhookShape(seed, index, isPrivate)
            : Quirks.WebhookShape.NONE;
    int lag = realism.extensiveLag() ? QuirkPlanner.lag(seed, index) : 0;
    return new RecordedCall(
        file.getFileName().toString(),
        (Map<String, Object>) call,
        transcript,
        id,
        started,
        duration,
        isPrivate,
        webhook,
        lag);
  }

  private static Instant started(Path file, Object value) {
    if (!(value instanceof String text)) {
      throw new InvalidCorpusFile(file, "call.metaData.started must be an ISO-8601 date-time");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidCorpusFile(
          file, "call.metaData.started is not an ISO-8601 date-time with an offset: " + text, e);
    }
  }

  private static long duration(Path file, Object value) {
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Number n) || n.doubleValue() < 0) {
      throw new InvalidCorpusFile(file, "call.metaData.duration must be a number of seconds");
    }
    return Math.round(n.doubleValue());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> transcript(Path file, String id, Object value) {
    if (value == null) {
      Map<String, Object> empty = new LinkedHashMap<>();
      empty.put("callId", id);
      empty.put("transcript", List.of());
      return empty;
    }
    if (!(value instanceof Map<?, ?> transcript)) {
      throw new InvalidCorpusFile(file, "\"transcript\" must be an object {callId, transcript}");
    }
    Object callId = transcript.get("callId");
    if (callId != null && !callId.toString().equals(id)) {
      throw new InvalidCorpusFile(
          file, "transcript.callId " + callId + " is not the call's id " + id);
    }
    if (callId != null) {
      return (Map<String, Object>) transcript;
    }
    Map<String, Object> named = new LinkedHashMap<>();
    named.put("callId", id);
    named.putAll((Map<String, Object>) transcript);
    return named;
  }
}

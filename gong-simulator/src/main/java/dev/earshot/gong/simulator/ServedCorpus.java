package dev.earshot.gong.simulator;

import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls a simulator serves, in start order, with their "now" and Gong users: the generated
 * corpus under its {@link Realism}, or a {@link CorpusDirectory}.
 */
final class ServedCorpus {

  private final Corpus generated;
  private final Instant now;
  private final List<ServedCall> calls;
  private final Map<String, ServedCall> byId = new LinkedHashMap<>();
  private final List<Map<String, Object>> users;

  private ServedCorpus(
      Corpus generated,
      Instant now,
      List<? extends ServedCall> calls,
      List<Map<String, Object>> users) {
    this.generated = generated;
    this.now = now;
    this.calls = List.copyOf(calls);
    this.calls.forEach(c -> byId.put(c.id(), c));
    this.users = List.copyOf(users);
  }

  /**
   * The corpus a configuration asks for.
   *
   * @throws CorpusDirectory.InvalidCorpusFile when a corpus directory cannot be served
   */
  static ServedCorpus of(SimulatorConfig config) {
    if (config.corpusDirectory() != null) {
      CorpusDirectory.Loaded loaded =
          CorpusDirectory.load(config.corpusDirectory(), config.realism(), config.seed());
      return new ServedCorpus(
          null, loaded.now(), loaded.calls(), recordedUsers(loaded.calls(), loaded.now()));
    }
    Corpus corpus = Corpus.generate(config.seed(), config.calls(), config.now());
    List<Map<String, Object>> users = new ArrayList<>();
    String created = corpus.now().minus(Duration.ofDays(400)).toString();
    for (Person rep : corpus.reps()) {
      users.add(GongPayloads.user(rep, created));
    }
    return new ServedCorpus(
        corpus, corpus.now(), QuirkPlanner.plan(corpus, config.realism()), users);
  }

  /** The generated corpus, unless the calls come from a directory. */
  Optional<Corpus> generated() {
    return Optional.ofNullable(generated);
  }

  Instant now() {
    return now;
  }

  /** Calls ordered by start time (then id). */
  List<ServedCall> calls() {
    return calls;
  }

  /** The call with this id, or null. */
  ServedCall call(String id) {
    return byId.get(id);
  }

  /** Gong users (the reps), as {@code /v2/users} lists them. */
  List<Map<String, Object>> users() {
    return users;
  }

  /**
   * A directory's users: every internal party with a {@code userId}, plus any {@code primaryUserId}
   * no party names, so {@code /v2/users} lists someone.
   */
  private static List<Map<String, Object>> recordedUsers(List<RecordedCall> calls, Instant now) {
    Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    String created = now.minus(Duration.ofDays(400)).toString();
    for (RecordedCall call : calls) {
      if (call.call().get("parties") instanceof List<?> parties) {
        for (Object party : parties) {
          if (party instanceof Map<?, ?> p && p.get("userId") != null) {
            String userId = p.get("userId").toString();
            String name = p.get("name") instanceof String n ? n : "Gong user " + userId;
            String email = p.get("emailAddress") instanceof String e ? e : null;
            String title = p.get("title") instanceof String t ? t : null;
            users.putIfAbsent(
                userId, GongPayloads.user(new Person(name, email, title, userId), created));
          }
        }
      }
    }
    for (RecordedCall call : calls) {
      Object primary = call.metaData().get("primaryUserId");
      if (primary != null) {
        String userId = primary.toString();
        users.putIfAbsent(
            userId,
            GongPayloads.user(new Person("Gong user " + userId, null, null, userId), created));
      }
    }
    return new ArrayList<>(users.values());
  }
}

package dev.earshot.assistant.question;

import dev.earshot.assistant.board.BoardPost;
import dev.earshot.assistant.board.ReadingBoard;
import dev.earshot.assistant.call.HeldCall;
import dev.earshot.assistant.call.HeldCalls;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.Vectors;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.springframework.stereotype.Service;

/**
 * Answers a question about a customer, extractively: finds the customer's calls of the last 90 days
 * (the name matched case-insensitively, as a whole, against call titles, participants' names, job
 * titles and emails, and the CRM company), takes the most recent {@code maxCalls}, gathers Gong's
 * brief, key points, highlights, outline bullets and points of interest of each, and the feedback
 * posts heard on them (their titles and the customers' quotes), ranks those passages by cosine
 * similarity to the question with the embedding model, and answers with the best {@link #PASSAGES},
 * each citing its call. Every sentence of the answer cites a call, by construction.
 *
 * <p>With a language model configured ({@link AnswerWriter}, {@code earshot.assistant.answers}), it
 * writes the answer from the best {@link #PASSAGES_FOR_WRITER} passages instead, every claim citing
 * them (checked by {@link LanguageModelAnswers}); when it gives no such answer, the extractive one
 * stands and {@code model.note} says why.
 *
 * <p>Metrics: {@code earshot.assistant.questions{outcome=answered|no_calls}}.
 */
@Service
public class AnsweringQuestions {

  /** How long back a customer's calls are looked for. */
  public static final Duration WINDOW = Duration.ofDays(90);

  /** How many passages an answer quotes. */
  public static final int PASSAGES = 5;

  private final HeldCalls calls;
  private final ReadingBoard board;
  private final EmbeddingModel embeddings;
  private final AnswerWriter writer;
  private final MeterRegistry meters;
  private final Clock clock;

  AnsweringQuestions(
      HeldCalls calls,
      ReadingBoard board,
      EmbeddingModel embeddings,
      AnswerWriter writer,
      MeterRegistry meters,
      Clock clock) {
    this.calls = calls;
    this.board = board;
    this.embeddings = embeddings;
    this.writer = writer;
    this.meters = meters;
    this.clock = clock;
  }

  /** How many passages a language model is given to write from. */
  public static final int PASSAGES_FOR_WRITER = 8;

  /** Answers {@code question} for the org. */
  public Answer answer(String orgId, Question question) {
    Instant to = clock.instant();
    Instant from = to.minus(WINDOW);
    String name = question.customer().toLowerCase(Locale.ROOT);
    List<HeldCall> found = calls.withPhrase(orgId, name, from, to, question.maxCalls());
    Answer.Model model = new Answer.Model("extractive", embeddings.name(), null);
    if (found.isEmpty()) {
      meters.counter("earshot.assistant.questions", "outcome", "no_calls").increment();
      return new Answer(
          question.customer(),
          question.question(),
          "No calls with \""
              + question.customer()
              + "\" in the last 90 days, so there is nothing to answer from.",
          List.of(),
          List.of(),
          model,
          new Answer.NoCalls(
              "no call in the window matched the name",
              from,
              to,
              "the whole name, case-insensitively, inside a call's title, a participant's name,"
                  + " job title or email, or its CRM company",
              nearest(orgId, name, from, to)));
    }
    List<Passage> passages = passages(orgId, found);
    float[] asked = embeddings.embed(question.question());
    List<float[]> vectors = embeddings.embed(passages.stream().map(Passage::text).toList());
    List<Scored> ranked = new ArrayList<>();
    for (int i = 0; i < passages.size(); i++) {
      ranked.add(new Scored(passages.get(i), Vectors.dot(asked, vectors.get(i))));
    }
    ranked.sort(
        Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparing(s -> s.passage().call().started(), Comparator.reverseOrder()));
    String header =
        question.customer()
            + " was on "
            + found.size()
            + (found.size() == 1 ? " call" : " calls")
            + " in the last 90 days (latest "
            + day(found.getFirst().started())
            + ").";
    List<Answer.Citation> citations = new ArrayList<>();
    StringBuilder text = new StringBuilder(header);
    if (writer.model().kind().equals("generative")) {
      List<Scored> given = ranked.subList(0, Math.min(PASSAGES_FOR_WRITER, ranked.size()));
      Optional<List<AnswerWriter.Claim>> claims =
          given.isEmpty()
              ? Optional.empty()
              : writer.write(
                  question.customer(),
                  question.question(),
                  given.stream().map(s -> described(s.passage())).toList());
      if (claims.isPresent()) {
        java.util.Set<Integer> cited = new java.util.TreeSet<>();
        for (AnswerWriter.Claim claim : claims.get()) {
          text.append("\n- ").append(claim.text());
          for (int n : claim.citations()) {
            text.append(" [").append(n).append(']');
            cited.add(n);
          }
        }
        for (int n : cited) {
          citations.add(citation(n, given.get(n - 1)));
        }
        model = writer.model();
      } else {
        model =
            new Answer.Model(
                "extractive",
                embeddings.name(),
                writer.model().name()
                    + " gave no answer whose every claim cites the passages; the passages stand");
      }
    }
    if (model.kind().equals("extractive")) {
      text.append(" What they said closest to the question:");
      for (Scored scored : ranked.subList(0, Math.min(PASSAGES, ranked.size()))) {
        int n = citations.size() + 1;
        citations.add(citation(n, scored));
        text.append("\n- ").append(described(scored.passage())).append(" [").append(n).append(']');
      }
    }
    meters.counter("earshot.assistant.questions", "outcome", "answered").increment();
    return new Answer(
        question.customer(),
        question.question(),
        text.toString(),
        citations,
        used(found),
        model,
        null);
  }

  private static List<Answer.CallUsed> used(List<HeldCall> found) {
    return found.stream()
        .map(c -> new Answer.CallUsed(c.id(), c.title(), c.started(), c.url()))
        .toList();
  }

  /** A passage as the answer shows it: its source, call and date, then its words. */
  private static String described(Passage p) {
    return p.source() + " (" + p.call().title() + ", " + day(p.call().started()) + "): " + p.text();
  }

  private static Answer.Citation citation(int n, Scored scored) {
    Passage p = scored.passage();
    return new Answer.Citation(
        n,
        p.call().id(),
        p.call().title(),
        p.call().started(),
        p.call().url(),
        p.source(),
        p.postId(),
        p.text(),
        Math.round(scored.score() * 1000) / 1000.0);
  }

  /** A passage and the call it comes from. */
  record Passage(HeldCall call, String source, String postId, String text) {}

  private record Scored(Passage passage, double score) {}

  private List<Passage> passages(String orgId, List<HeldCall> found) {
    List<Passage> passages = new ArrayList<>();
    for (HeldCall call : found) {
      if (call.brief() != null && !call.brief().isBlank()) {
        passages.add(new Passage(call, "brief", null, call.brief()));
      }
      call.keyPoints().forEach(k -> passages.add(new Passage(call, "key point", null, k)));
      call.highlights()
          .forEach(
              h ->
                  h.items()
                      .forEach(
                          i ->
                              passages.add(new Passage(call, "highlight: " + h.title(), null, i))));
      call.outline()
          .forEach(
              s ->
                  s.items()
                      .forEach(
                          i ->
                              passages.add(new Passage(call, "outline: " + s.section(), null, i))));
      call.pointsOfInterest()
          .forEach(p -> passages.add(new Passage(call, "point of interest", null, p.snippet())));
    }
    Map<String, HeldCall> byId =
        found.stream().collect(Collectors.toMap(HeldCall::id, Function.identity()));
    for (BoardPost post : board.linkedTo(orgId, List.copyOf(byId.keySet()))) {
      for (BoardPost.Mention mention : post.mentions()) {
        HeldCall call = byId.get(mention.callId());
        String quotes = String.join(" … ", mention.quotes());
        passages.add(
            new Passage(
                call,
                "feedback post \"" + post.title() + "\"",
                post.id(),
                quotes.isBlank() ? post.title() : quotes));
      }
    }
    return passages;
  }

  private List<String> nearest(String orgId, String name, Instant from, Instant to) {
    JaroWinklerSimilarity similarity = new JaroWinklerSimilarity();
    return calls.namesIn(orgId, from, to).stream()
        .sorted(
            Comparator.comparingDouble(
                    (String seen) -> similarity.apply(name, seen.toLowerCase(Locale.ROOT)))
                .reversed())
        .limit(3)
        .toList();
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}

package dev.earshot.dedup.judge;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Decides, for an item whose best candidates scored just below the join threshold, which of them
 * voices the same request, or none. It is shown titles and the closest quotes only, never whole
 * transcripts. The offline default ({@link #NEVER}) is never asked.
 */
public interface MatchJudge {

  /** The offline default: no model is configured, so nothing is ever asked. */
  MatchJudge NEVER =
      new MatchJudge() {
        @Override
        public boolean asks() {
          return false;
        }

        @Override
        public Verdict judge(Question question) {
          return new Verdict.NotAsked();
        }

        @Override
        public String provider() {
          return "none";
        }

        @Override
        public Duration longestCall() {
          return Duration.ZERO;
        }
      };

  /** Whether this judge asks anyone (false: {@link #judge} always answers {@code NotAsked}). */
  boolean asks();

  /**
   * One question, one request to the model.
   *
   * @throws dev.earshot.provider.ProviderHttp.ModelUnavailable when the provider cannot serve now:
   *     the item is retried later rather than decided without its judge
   */
  Verdict judge(Question question);

  /** {@code none}, {@code openai} or {@code anthropic}: the tag of its metrics. */
  String provider();

  /** The longest {@link #judge} can take, retries included (consumer polls are sized with it). */
  Duration longestCall();

  /**
   * @param item the new item: its title and quotes
   * @param candidates the posts it might join, best first; numbered from 1 in the prompt
   */
  record Question(Said item, List<Candidate> candidates) {
    public Question {
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("a question needs at least one candidate");
      }
    }
  }

  /**
   * What one side said.
   *
   * @param title its title
   * @param quotes verbatim customer quotes, closest to the other side first
   */
  record Said(String title, List<String> quotes) {
    public Said {
      quotes = List.copyOf(quotes);
    }
  }

  /** A post the item might join. */
  record Candidate(UUID postId, Said said) {}

  /**
   * Tokens a provider billed for one question.
   *
   * @param inputTokens prompt tokens ({@code usage.prompt_tokens} / {@code usage.input_tokens})
   * @param outputTokens answer tokens
   */
  record Usage(long inputTokens, long outputTokens) {
    public static final Usage NONE = new Usage(0, 0);
  }

  /** What the judge said. */
  sealed interface Verdict {
    Usage usage();

    /** The item joins this candidate. */
    record Picked(UUID postId, Usage usage) implements Verdict {}

    /** None of the candidates voices the item's request. */
    record NoneChosen(Usage usage) implements Verdict {}

    /**
     * No usable answer (the model's answer broke the schema or named no candidate, or the provider
     * refused the request for what it holds): treated as no match, and counted.
     *
     * @param reason {@code invalid_answer} or {@code refused}
     */
    record Unanswered(String reason, Usage usage) implements Verdict {}

    /** Nobody was asked (no model configured). */
    record NotAsked() implements Verdict {
      @Override
      public Usage usage() {
        return Usage.NONE;
      }
    }
  }
}

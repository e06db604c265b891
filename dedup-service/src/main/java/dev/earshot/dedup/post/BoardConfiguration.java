package dev.earshot.dedup.post;

import dev.earshot.dedup.DedupModels;
import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.board.Suggesting;
import dev.earshot.dedup.judge.MatchJudge;
import dev.earshot.dedup.outbox.Outbox;
import dev.earshot.dedup.similarity.LexicalRescoring;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The board's use cases, wired to the configured model, index and database. */
@Configuration(proxyBeanMethods = false)
class BoardConfiguration {

  @Bean
  BoardMetrics boardMetrics(MeterRegistry meters) {
    return new BoardMetrics(meters);
  }

  @Bean
  IndexedPosts indexedPosts(
      IndexMarks marks,
      VectorIndex index,
      EmbeddingModel model,
      Clock clock,
      MeterRegistry meters) {
    return new IndexedPosts(marks, index, model.name(), clock, meters);
  }

  @Bean
  WeighingCandidates weighingCandidates(
      CandidateRepository candidates,
      MatchJudge judge,
      DedupProperties properties,
      EmbeddingModel model) {
    DedupProperties.Rescoring r = properties.rescoring();
    DedupProperties.Judge j = properties.judge();
    return new WeighingCandidates(
        candidates,
        judge,
        new WeighingCandidates.Settings(
            r.enabled(),
            new LexicalRescoring(r.weight()),
            r.mentionsPerPost(),
            r.rarityDocuments(),
            j.band(),
            j.maxCandidates(),
            j.quotesPerSide(),
            DedupModels.kindPenalty(properties, model),
            j.mode().equals("suggest")),
        suggesting(properties).readsWords());
  }

  /** The suggestion rule as configured ({@code earshot.dedup.suggestions}). */
  static Suggesting suggesting(DedupProperties properties) {
    DedupProperties.Suggestions s = properties.suggestions();
    return new Suggesting(s.lexicalWeight(), s.lexicalFloor(), s.most(), s.recheckSameKind());
  }

  @Bean
  ConsolidatingFeedback consolidatingFeedback(
      EmbeddingModel model,
      VectorIndex index,
      Matching matching,
      WeighingCandidates weighing,
      DedupProperties properties,
      ConsolidationRepository board,
      IndexedPosts indexed,
      BoardMetrics metrics,
      Clock clock) {
    return new ConsolidatingFeedback(
        model,
        index,
        matching,
        weighing,
        suggesting(properties),
        properties.suggestions().recheck(),
        properties.candidates(),
        board,
        indexed,
        metrics,
        clock);
  }

  @Bean
  ChangingPosts changingPosts(
      PostRepository posts,
      ChangeRepository changes,
      HistoryRepository history,
      Outbox outbox,
      Clock clock) {
    return new ChangingPosts(posts, changes, history, outbox, clock);
  }

  @Bean
  ReadingPosts readingPosts(PostPages pages, HistoryRepository history) {
    return new ReadingPosts(pages, history);
  }

  @Bean
  MergingPosts mergingPosts(
      ChangingPosts changing,
      IndexedPosts indexed,
      TransactionTemplate transactions,
      SuggestionRepository suggestions,
      BoardMetrics metrics) {
    return new MergingPosts(changing, indexed, transactions, suggestions, metrics);
  }

  @Bean
  ReviewingSuggestions reviewingSuggestions(
      SuggestionRepository suggestions,
      MergingPosts merging,
      TransactionTemplate transactions,
      BoardMetrics metrics,
      Clock clock) {
    return new ReviewingSuggestions(suggestions, merging, transactions, metrics, clock);
  }

  @Bean
  SplittingMention splittingMention(
      ChangingPosts changing,
      IndexedPosts indexed,
      SuggestionRepository suggestions,
      TransactionTemplate transactions) {
    return new SplittingMention(changing, indexed, suggestions, transactions);
  }

  @Bean
  EditingPost editingPost(ChangingPosts changing, TransactionTemplate transactions) {
    return new EditingPost(changing, transactions);
  }
}

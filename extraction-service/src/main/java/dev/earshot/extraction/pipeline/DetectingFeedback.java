package dev.earshot.extraction.pipeline;

import dev.earshot.extraction.call.CallFacts;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.extract.FeatureArea;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.organise.Organising;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Is this text product feedback? The text becomes a one-turn call by a customer, split into
 * sentences, and goes through the same model as calls do; so a model can be evaluated on anyone's
 * labelled texts.
 */
public final class DetectingFeedback {

  /** The answer for one text. */
  public record Detection(boolean feedback, Kind kind, double score) {}

  private static final Speaker CUSTOMER =
      new Speaker("customer", null, null, null, null, Role.CUSTOMER, null);

  private final FeedbackModel model;
  private final Organising organising;
  private final List<FeatureArea> areas;

  public DetectingFeedback(FeedbackModel model, Organising organising, List<FeatureArea> areas) {
    this.model = model;
    this.organising = organising;
    this.areas = areas;
  }

  public Detection detect(String text) {
    List<String> sentences = Sentences.split(text);
    List<FoundItem> items = items(sentences);
    double score = model.score(sentences).orElse(items.isEmpty() ? 0.0 : 1.0);
    return items.isEmpty()
        ? new Detection(false, Kind.NONE, score)
        : new Detection(true, items.getFirst().kind(), score);
  }

  /** The items the model finds in a text, as for {@link #detect}: titles can be judged too. */
  public List<FoundItem> items(String text) {
    return items(Sentences.split(text));
  }

  private List<FoundItem> items(List<String> sentences) {
    List<Utterance> utterances = new ArrayList<>();
    for (String s : sentences) {
      utterances.add(
          new Utterance(
              utterances.size(),
              0,
              CUSTOMER,
              s,
              utterances.size() * 5_000L,
              utterances.size() * 5_000L + 4_000));
    }
    NormalisedCall call =
        new NormalisedCall(
            new CallFacts("text", "eval", "eval", "", null, null, null, null, null, null, null),
            Map.of(CUSTOMER.speakerId(), CUSTOMER),
            utterances);
    return model.extract(call, organising.taxonomy("eval", areas)).items();
  }
}

package dev.earshot.extraction.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conversation stage's weights: their file, their training, and the built-in set. */
class ConversationModelTest {

  private static ConversationModel read(String text) throws Exception {
    return ConversationModel.read(new BufferedReader(new StringReader(text)));
  }

  @Test
  void theBuiltInWeightsLoadWithTheirProvenanceAndNoSentence() {
    ConversationModel model = ConversationModel.builtIn();

    assertThat(model.weights()).hasSize(ConversationFeatures.names().size());
    assertThat(model.provenance()).anyMatch(p -> p.contains("./earshot bench train-detector"));
    assertThat(model.provenance()).anyMatch(p -> p.contains("calls-dev"));
    assertThat(model.threshold()).isBetween(0.0, 1.0);
  }

  @Test
  void weightsSurviveAWriteAndARead() throws Exception {
    ConversationModel model = ConversationModel.builtIn();

    assertThat(read(model.write())).isEqualTo(model);
  }

  @Test
  void weightsThatNoLongerFitTheFeaturesAreRefused() throws Exception {
    String written = ConversationModel.builtIn().write();

    assertThatThrownBy(() -> read(written + "cue:no-such-cue\t1.0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-cue");
    assertThatThrownBy(() -> read(written.replaceAll("(?m)^spoken:agrees\\t.*\\n", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spoken:agrees");
  }

  @Test
  void trainingLearnsWhatSeparatesTheClassesAndKeepsTheExemplarOffset() {
    int d = ConversationFeatures.names().size();
    int agrees = ConversationFeatures.names().indexOf("spoken:agrees");
    List<double[]> examples = new ArrayList<>();
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      double[] x = new double[d];
      labels[i] = i % 2;
      x[agrees] = labels[i] == 1 ? 0 : 1;
      examples.add(x);
    }

    ConversationModel model = ConversationModel.train(examples, labels, 0.001, 500, 0.5, List.of());

    assertThat(model.weights()[agrees]).isLessThan(-1);
    assertThat(model.weights()[0]).isEqualTo(ConversationModel.EXEMPLAR_OFFSET);
    assertThat(ConversationModel.train(examples, labels, 0.001, 500, 0.5, List.of()))
        .isEqualTo(model);
  }

  @Test
  void whatTheLabellingGuideCallsNoFeedbackNeverCountsForFeedback() {
    int d = ConversationFeatures.names().size();
    int narrates = ConversationFeatures.names().indexOf("spoken:narrates-the-screen");
    List<double[]> examples = new ArrayList<>();
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      double[] x = new double[d];
      labels[i] = i % 2;
      x[narrates] = labels[i];
      examples.add(x);
    }

    ConversationModel model = ConversationModel.train(examples, labels, 0.001, 500, 0.5, List.of());

    assertThat(model.weights()[narrates]).isLessThanOrEqualTo(0);
    assertThat(ConversationModel.builtIn().byName())
        .allSatisfy(
            (name, weight) -> {
              if (ConversationModel.NEVER_EVIDENCE.contains(name)) {
                assertThat(weight).as(name).isLessThanOrEqualTo(0);
              }
            });
  }

  @Test
  void aWeakGroupIsNoItemUnlessOneSentenceIsStrong() {
    ConversationModel model = ConversationModel.builtIn().withThresholds(0.5, 1.2, 0.9);

    assertThat(model.isItem(0.6, 0.6)).isFalse();
    assertThat(model.isItem(1.3, 0.7)).isTrue();
    assertThat(model.isItem(0.95, 0.95)).isTrue();
  }

  @Test
  void writtenTextsAndConversationsHaveTheirOwnOperatingPoints() throws Exception {
    ConversationModel model =
        ConversationModel.builtIn()
            .withThresholds(0.7, 1.4, 0.9)
            .withTextThresholds(new ConversationModel.OperatingPoint(0.4, 0, 0.6));

    assertThat(model.at(Genre.CONVERSATION).isFeedback(0.5)).isFalse();
    assertThat(model.at(Genre.WRITTEN).isFeedback(0.5)).isTrue();
    assertThat(model.at(Genre.WRITTEN).isItem(0.5, 0.5)).isTrue();
    assertThat(read(model.write())).isEqualTo(model);
  }

  @Test
  void aWeightsFileWithoutTextThresholdsUsesTheConversationOnesForTexts() throws Exception {
    String written =
        ConversationModel.builtIn()
            .withThresholds(0.7, 1.4, 0.9)
            .write()
            .replaceAll("(?m)^text-.*\\n", "");

    ConversationModel model = read(written);

    assertThat(model.texts()).isEqualTo(model.calls());
    assertThat(model.calls()).isEqualTo(new ConversationModel.OperatingPoint(0.7, 1.4, 0.9));
  }

  @Test
  void theExemplarWeightIsLearnedWhenAskedAndHeldOtherwise() {
    int d = ConversationFeatures.names().size();
    List<double[]> examples = new ArrayList<>();
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      double[] x = new double[d];
      labels[i] = i % 2;
      x[0] = i % 4 < 2 ? 0.5 : -0.5; // exemplar log-odds unrelated to the label
      examples.add(x);
    }

    assertThat(
            ConversationModel.train(examples, labels, 0.01, 500, 0.5, true, List.of()).weights()[0])
        .isLessThan(ConversationModel.EXEMPLAR_OFFSET / 2);
    assertThat(
            ConversationModel.train(examples, labels, 0.01, 500, 0.5, false, List.of())
                .weights()[0])
        .isEqualTo(ConversationModel.EXEMPLAR_OFFSET);
  }
}

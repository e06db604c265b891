package dev.earshot.extraction.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The item stage's weights: their file, their training, and the built-in set. */
class ItemModelTest {

  private static ItemModel read(String text) throws Exception {
    return ItemModel.read(new BufferedReader(new StringReader(text)));
  }

  @Test
  void theBuiltInWeightsLoadWithTheirProvenance() {
    ItemModel model = ItemModel.builtIn();

    assertThat(model.weights()).hasSize(ItemFeatures.names().size());
    assertThat(model.provenance()).anyMatch(p -> p.contains("./earshot bench train-detector"));
    assertThat(model.threshold()).isBetween(0.0, 1.0);
  }

  @Test
  void weightsSurviveAWriteAndARead() throws Exception {
    ItemModel model = ItemModel.builtIn();

    assertThat(read(model.write())).isEqualTo(model);
  }

  @Test
  void weightsThatNoLongerFitTheFeaturesAreRefused() throws Exception {
    String written = ItemModel.builtIn().write();

    assertThatThrownBy(() -> read(written + "no-such-feature\t1.0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-feature");
    assertThatThrownBy(() -> read(written.replaceAll("(?m)^mean-score\\t.*\\n", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mean-score");
  }

  @Test
  void trainingLearnsWhatSeparatesTheClassesAndTheThresholdDecides() {
    int d = ItemFeatures.names().size();
    int echo = ItemFeatures.names().indexOf("echoes-the-other-side");
    List<double[]> examples = new ArrayList<>();
    int[] labels = new int[100];
    double[] weights = new double[100];
    Arrays.fill(weights, 1);
    for (int i = 0; i < 100; i++) {
      double[] x = new double[d];
      labels[i] = i % 4 == 0 ? 1 : 0;
      x[echo] = labels[i] == 1 ? 0 : 1;
      examples.add(x);
    }

    ItemModel model = ItemModel.train(examples, labels, weights, 0.01, 500, 0.5);

    assertThat(model.weights()[echo]).isNegative();
    double[] echoed = new double[d];
    echoed[echo] = 1;
    assertThat(model.isItem(new double[d])).isTrue();
    assertThat(model.isItem(echoed)).isFalse();
    assertThat(model.withThreshold(0.999).isItem(new double[d])).isFalse();
  }

  @Test
  void exampleWeightsShiftTheFit() {
    int d = ItemFeatures.names().size();
    int title = ItemFeatures.names().indexOf("title-case");
    double[] x = new double[d];
    x[title] = 1;
    List<double[]> examples = List.of(x, x, new double[d], new double[d]);
    int[] labels = {1, 0, 1, 0};

    double light =
        ItemModel.train(examples, labels, new double[] {1, 1, 1, 1}, 0.01, 500, 0.5).score(x);
    double heavy =
        ItemModel.train(examples, labels, new double[] {5, 1, 1, 1}, 0.01, 500, 0.5).score(x);

    assertThat(heavy).isGreaterThan(light);
  }

  @Test
  void sizesMustAgree() {
    assertThatThrownBy(
            () -> ItemModel.train(List.of(new double[1]), new int[2], new double[1], 0, 1, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.earshot.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmEmbeddingModelTest {

  private static final EmbeddingModel model = new MiniLmEmbeddingModel();

  @Test
  void embedsOfflineIntoUnitVectorsOf384Dimensions() {
    List<float[]> vectors = model.embed(List.of("We need single sign-on.", "", "Hello"));

    assertThat(vectors).hasSize(3);
    assertThat(vectors).allSatisfy(v -> assertThat(v).hasSize(384));
    assertThat(Vectors.dot(vectors.getFirst(), vectors.getFirst())).isCloseTo(1.0, within(1e-4));
    assertThat(Vectors.dot(vectors.get(1), vectors.get(1))).isZero();
  }

  @Test
  void paraphrasesAreCloserThanDifferentRequests() {
    float[] sso = model.embed("Can we log in with our Okta accounts?");
    float[] ssoAgain = model.embed("We need single sign-on through Okta.");
    float[] slow = model.embed("The reports take a minute to load.");

    assertThat(Vectors.dot(sso, ssoAgain)).isGreaterThan(Vectors.dot(sso, slow) + 0.3);
  }
}

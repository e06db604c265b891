package dev.earshot.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.kit.EarshotService;
import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;

/** The OpenAPI document's head comes from the application's {@link EarshotService}. */
class ApiDocumentTest {

  @EarshotService(value = "board", title = "Feedback board API", description = "Posts and quotes.")
  static class Board {}

  @EarshotService("plain")
  static class Plain {}

  @Test
  void titleDescriptionVersionAndBearerSecurityComeFromTheService() {
    OpenAPI document = ApiDocument.of(Board.class.getAnnotation(EarshotService.class), "1.2.3");

    assertThat(document.getInfo().getTitle()).isEqualTo("Feedback board API");
    assertThat(document.getInfo().getDescription()).startsWith("Posts and quotes.").contains("JWT");
    assertThat(document.getInfo().getVersion()).isEqualTo("1.2.3");
    assertThat(document.getComponents().getSecuritySchemes().get(ApiDocument.BEARER).getScheme())
        .isEqualTo("bearer");
    assertThat(document.getSecurity())
        .singleElement()
        .satisfies(r -> assertThat(r).containsKey(ApiDocument.BEARER));
  }

  @Test
  void withoutATitleTheServiceNameIsTheTitle() {
    OpenAPI document = ApiDocument.of(Plain.class.getAnnotation(EarshotService.class), null);

    assertThat(document.getInfo().getTitle()).isEqualTo("plain");
    assertThat(document.getInfo().getVersion()).isEqualTo("dev");
  }
}

package dev.earshot.extraction.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.extraction.company.CrmRef;
import dev.earshot.extraction.company.FreeMailDomains;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompanyFilesTest {

  final CompanyFiles files = new CompanyFiles(FreeMailDomains.vendored());

  @Test
  void csvWithAHeaderQuotedCellsAndSeveralValuesPerCell() {
    String csv =
        """
        Name,ID,Domains,CRM_IDs,owner
        "Acme, Inc.",acme,acme.com; https://www.acme.de/,salesforce:001A;hubspot:77
        Globex,globex,,0015X
        """;

    List<CompanyRow> rows = files.csv(csv);

    assertThat(rows)
        .containsExactly(
            new CompanyRow(
                "acme",
                "Acme, Inc.",
                List.of("acme.com", "acme.de"),
                List.of(new CrmRef("salesforce", "001A"), new CrmRef("hubspot", "77"))),
            new CompanyRow("globex", "Globex", List.of(), List.of(new CrmRef("crm", "0015X"))));
  }

  @Test
  void jsonArrayOrObject() {
    String json =
        """
        {"companies": [{"id": "acme", "name": "Acme", "domains": ["acme.com"],
                        "crmIds": [{"system": "Salesforce", "id": "001A"}]}]}
        """;

    assertThat(files.json(json))
        .containsExactly(
            new CompanyRow(
                "acme", "Acme", List.of("acme.com"), List.of(new CrmRef("salesforce", "001A"))));
    assertThat(files.json("[{\"id\":\"x\",\"name\":\"X\"}]")).hasSize(1);
  }

  @Test
  void everyProblemIsReportedWithItsLine() {
    String csv =
        """
        id,name,domains
        acme,Acme,gmail.com
        acme,Acme again,acme.com
        ,No id,not a domain
        """;

    assertThatThrownBy(() -> files.csv(csv))
        .isInstanceOfSatisfying(
            InvalidCompanies.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "line 2: gmail.com is a free-mail provider's domain, which identifies no"
                            + " company",
                        "line 3: id acme appears twice in the upload",
                        "line 4: id is missing",
                        "line 4: 'not a domain' is not a domain name"));
  }

  @Test
  void anIdHoldingASlashIsRefusedAsItWouldMakeTwoOrgsKeysCollide() {
    // org a's company b/c and org a/b's company c would both be keyed a/b/c on crm.companies.v1
    assertThatThrownBy(() -> files.csv("id,name\nb/c,BC\n"))
        .isInstanceOfSatisfying(
            InvalidCompanies.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .contains("line 2: id b/c holds a '/'"));
    assertThatThrownBy(() -> files.json("[{\"id\":\"b/c\",\"name\":\"BC\"}]"))
        .isInstanceOf(InvalidCompanies.class)
        .hasMessageContaining("companies[0]: id b/c holds a '/'");
  }

  @Test
  void unreadableBodiesAreRefused() {
    assertThatThrownBy(() -> files.csv("company,website\nacme,acme.com\n"))
        .isInstanceOf(InvalidCompanies.class)
        .hasMessageContaining("header naming at least the columns id and name");
    assertThatThrownBy(() -> files.json("{\"id\": "))
        .isInstanceOf(InvalidCompanies.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> files.json("{\"id\": \"acme\"}"))
        .isInstanceOf(InvalidCompanies.class)
        .hasMessageContaining("JSON array of companies");
    assertThatThrownBy(() -> files.csv("id,name\n\"acme,Acme\n"))
        .isInstanceOf(InvalidCompanies.class)
        .hasMessageContaining("not valid CSV");
  }
}

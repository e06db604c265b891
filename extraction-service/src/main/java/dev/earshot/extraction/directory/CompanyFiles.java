package dev.earshot.extraction.directory;

import dev.earshot.extraction.company.CrmRef;
import dev.earshot.extraction.company.Domains;
import dev.earshot.extraction.company.FreeMailDomains;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an upload of the company directory, CSV or JSON, into validated rows.
 *
 * <p>CSV (RFC 4180, parsed by Apache Commons CSV): a header row naming {@code id} and {@code name}
 * and optionally {@code domains} and {@code crm_ids} (any case, any order, other columns ignored);
 * several domains or CRM ids in one cell are separated by {@code ;}, a CRM id is {@code system:id}
 * ({@code salesforce:0015g00000AbCdE}; without a system it is {@code crm}).
 *
 * <p>JSON: an array of {@code {"id", "name", "domains": [...], "crmIds": [{"system", "id"}]}}, or
 * an object holding that array under {@code "companies"}.
 *
 * <p>Every row needs an id (at most 200 characters, no {@code /}, unique in the upload) and a name;
 * a domain must be a domain name and not a free-mail provider's. All problems are reported at once
 * (the first 20), with the CSV line or JSON index; nothing of a bad upload is loaded.
 */
final class CompanyFiles {

  /** Most companies one upload may hold. */
  static final int MAX_COMPANIES = 50_000;

  private static final int MAX_PROBLEMS = 20;
  private static final int MAX_ID = 200;
  private static final int MAX_NAME = 500;
  private static final Pattern SYSTEM = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");
  private static final JsonMapper json = JsonMapper.builder().build();

  private final FreeMailDomains freeMail;

  CompanyFiles(FreeMailDomains freeMail) {
    this.freeMail = freeMail;
  }

  /** Raw values of one company before validation; {@code where} names it in problems. */
  private record Raw(
      String where, String id, String name, List<String> domains, List<String> crm) {}

  /**
   * @throws InvalidCompanies when the text is not CSV with the required header, or a row is invalid
   */
  List<CompanyRow> csv(String text) {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();
    List<Raw> raws = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      Map<String, Integer> header = parser.getHeaderMap();
      Set<String> columns = new HashSet<>();
      header.keySet().forEach(h -> columns.add(h.toLowerCase(Locale.ROOT)));
      if (!columns.contains("id") || !columns.contains("name")) {
        throw new InvalidCompanies(
            "the CSV's first row must be a header naming at least the columns id and name"
                + " (optional: domains, crm_ids); it names "
                + header.keySet());
      }
      for (CSVRecord r : parser) {
        if (raws.size() >= MAX_COMPANIES) {
          throw tooMany();
        }
        raws.add(
            new Raw(
                "line " + parser.getCurrentLineNumber(),
                cell(r, "id"),
                cell(r, "name"),
                split(cell(r, "domains")),
                split(cell(r, "crm_ids"))));
      }
    } catch (IOException
        | UncheckedIOException
        | IllegalStateException
        | IllegalArgumentException e) {
      throw new InvalidCompanies("the body is not valid CSV: " + e.getMessage());
    }
    return validate(raws);
  }

  /**
   * @throws InvalidCompanies when the text is not JSON of the shape above, or a row is invalid
   */
  List<CompanyRow> json(String text) {
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JacksonException e) {
      throw new InvalidCompanies("the body is not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode list = root != null && root.isObject() ? root.path("companies") : root;
    if (list == null || !list.isArray()) {
      throw new InvalidCompanies(
          "give a JSON array of companies, or an object with the array under \"companies\"");
    }
    if (list.size() > MAX_COMPANIES) {
      throw tooMany();
    }
    List<Raw> raws = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String where = "companies[" + i + "]";
      if (!c.isObject()) {
        raws.add(new Raw(where, null, null, List.of(), List.of()));
        continue;
      }
      List<String> domains = new ArrayList<>();
      c.path("domains").forEach(d -> domains.add(d.isString() ? d.asString() : d.toString()));
      List<String> crm = new ArrayList<>();
      for (JsonNode ref : c.path("crmIds")) {
        crm.add(
            ref.isObject()
                ? ref.path("system").asString("crm") + ":" + ref.path("id").asString("")
                : ref.asString(""));
      }
      raws.add(
          new Raw(where, text(c, c.has("id") ? "id" : "companyId"), text(c, "name"), domains, crm));
    }
    return validate(raws);
  }

  private List<CompanyRow> validate(List<Raw> raws) {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<CompanyRow> rows = new ArrayList<>();
    for (Raw raw : raws) {
      String id = raw.id() == null ? "" : raw.id().strip();
      String name = raw.name() == null ? "" : raw.name().strip();
      if (id.isEmpty()) {
        problems.add(raw.where() + ": id is missing");
      } else if (id.length() > MAX_ID) {
        problems.add(raw.where() + ": id is longer than " + MAX_ID + " characters");
      } else if (id.indexOf('/') >= 0) {
        problems.add(
            raw.where()
                + ": id "
                + id
                + " holds a '/', which a company id may not (the directory's key is"
                + " orgId/companyId, so org a's company b/c would be org a/b's company c)");
      } else if (!ids.add(id)) {
        problems.add(raw.where() + ": id " + id + " appears twice in the upload");
      }
      if (name.isEmpty()) {
        problems.add(raw.where() + ": name is missing");
      } else if (name.length() > MAX_NAME) {
        problems.add(raw.where() + ": name is longer than " + MAX_NAME + " characters");
      }
      List<String> domains = new ArrayList<>();
      for (String d : raw.domains()) {
        var normal = Domains.normalise(d);
        if (normal.isEmpty()) {
          problems.add(raw.where() + ": '" + d + "' is not a domain name");
        } else if (freeMail.contains(normal.get())) {
          problems.add(
              raw.where()
                  + ": "
                  + normal.get()
                  + " is a free-mail provider's domain, which identifies no company");
        } else if (!domains.contains(normal.get())) {
          domains.add(normal.get());
        }
      }
      List<CrmRef> crm = new ArrayList<>();
      for (String ref : raw.crm()) {
        int colon = ref.indexOf(':');
        String system =
            colon < 0 ? "crm" : ref.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String crmId = (colon < 0 ? ref : ref.substring(colon + 1)).strip();
        if (crmId.isEmpty() || crmId.length() > MAX_ID || !SYSTEM.matcher(system).matches()) {
          problems.add(
              raw.where()
                  + ": '"
                  + ref
                  + "' is not a CRM id (system:id, e.g. salesforce:0015g00000AbC)");
        } else if (crm.stream().noneMatch(r -> r.id().equals(crmId) && r.system().equals(system))) {
          crm.add(new CrmRef(system, crmId));
        }
      }
      rows.add(new CompanyRow(id, name, domains, crm));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCompanies(problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
    }
    return rows;
  }

  private static InvalidCompanies tooMany() {
    return new InvalidCompanies(
        "an upload holds at most " + MAX_COMPANIES + " companies; split it and POST the parts");
  }

  private static String cell(CSVRecord r, String column) {
    for (var e : r.toMap().entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static List<String> split(String cell) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (String part : cell.split(";")) {
      if (!part.isBlank()) {
        parts.add(part.strip());
      }
    }
    return parts;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull()
        ? null
        : value.isString() ? value.asString() : value.toString();
  }
}

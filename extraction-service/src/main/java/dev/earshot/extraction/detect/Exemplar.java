package dev.earshot.extraction.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled sentence the offline detector learns from. The built-in set ({@code exemplars.tsv})
 * was written for Earshot from templates and slot fillers across many B2B and consumer-app domains;
 * none comes from the simulator's catalogue or from the evaluation data.
 */
public record Exemplar(Kind kind, String text) {

  public static List<Exemplar> builtIn() {
    try (InputStream in = Exemplar.class.getResourceAsStream("exemplars.tsv")) {
      if (in == null) {
        throw new IllegalStateException("exemplars.tsv is missing from the classpath");
      }
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read exemplars.tsv", e);
    }
  }

  static List<Exemplar> read(BufferedReader reader) throws IOException {
    List<Exemplar> exemplars = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new IllegalArgumentException("exemplar line without a tab: " + line);
      }
      exemplars.add(new Exemplar(Kind.of(line.substring(0, tab)), line.substring(tab + 1).strip()));
    }
    return List.copyOf(exemplars);
  }
}

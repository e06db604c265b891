package dev.earshot.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The classpath one service would have on its own: its module and the runtime dependencies its
 * build lists in {@code META-INF/earshot/dependencies/<module>.txt} (Maven's {@code
 * dependency:list} lines, {@code groupId:artifactId:type[:classifier]:version}, written by every
 * service module; see the root POM). The launcher's JVM holds every service's libraries; this says
 * which of them a class of the shared classpath comes from, and whether that library is this
 * service's.
 *
 * <p>A class's library is read from where its class file is found: a jar's file name ({@code
 * spring-jdbc-7.0.1.jar}, in {@code ~/.m2}, in a module's {@code target/} or nested in the
 * launcher's bootable jar) or a reactor module's {@code <module>/target/classes} directory. A class
 * of the JDK, or found where neither applies, is no library's: it is admitted.
 */
final class ServiceClasspath {

  /** Where a service module lists its runtime dependencies, by artifactId. */
  static final String LIST = "META-INF/earshot/dependencies/%s.txt";

  private final Set<String> artifactIds;
  private final Set<String> fileNames;
  private final ClassLoader loader;

  private ServiceClasspath(Set<String> artifactIds, Set<String> fileNames, ClassLoader loader) {
    this.artifactIds = artifactIds;
    this.fileNames = fileNames;
    this.loader = loader;
  }

  /**
   * The classpath of {@code module} as its build listed it.
   *
   * @throws IllegalStateException when {@code loader} holds no list for it (a jar built before the
   *     list existed: rebuild with {@code ./mvnw install -DskipTests})
   */
  static ServiceClasspath of(String module, ClassLoader loader) {
    String resource = LIST.formatted(module);
    URL url = loader.getResource(resource);
    if (url == null) {
      throw new IllegalStateException(
          "no "
              + resource
              + " on the classpath: the "
              + module
              + " jar predates its dependency list; rebuild with ./mvnw install -DskipTests");
    }
    String text;
    try (InputStream in = url.openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + url, e);
    }
    return parse(module, text, loader);
  }

  /** The classpath from {@code dependency:list} output (other lines are ignored). */
  static ServiceClasspath parse(String module, String listing, ClassLoader loader) {
    Set<String> ids = new HashSet<>();
    Set<String> files = new HashSet<>();
    ids.add(module);
    for (String line : listing.split("\\R")) {
      String coordinates = line.strip();
      int comment = coordinates.indexOf(" -- ");
      if (comment >= 0) {
        coordinates = coordinates.substring(0, comment).strip();
      }
      String[] parts = coordinates.split(":");
      if (parts.length < 4 || parts.length > 5 || coordinates.contains(" ")) {
        continue;
      }
      String artifactId = parts[1];
      String version = parts[parts.length - 1];
      String classifier = parts.length == 5 ? "-" + parts[3] : "";
      ids.add(artifactId);
      files.add(artifactId + "-" + version + classifier + ".jar");
    }
    return new ServiceClasspath(Set.copyOf(ids), Set.copyOf(files), loader);
  }

  /**
   * Whether the class named {@code className} comes from this service's own classpath: true for a
   * class of one of its libraries, of the JDK, or not found at all (Spring's own conditions decide
   * then); false for a class of another service's library.
   */
  boolean admits(String className) {
    URL url = loader.getResource(className.replace('.', '/') + ".class");
    if (url == null) {
      return true;
    }
    String library = library(url.toString());
    return library == null || admitsLibrary(library);
  }

  /**
   * The library a class file's URL points into: the jar's file name, or {@code <module>} for a
   * {@code <module>/target/classes/} directory; null for anything else (the JDK's {@code jrt:}).
   */
  static String library(String url) {
    int entry = url.lastIndexOf("!/");
    if (entry > 0) {
      String jar = url.substring(0, entry);
      return jar.substring(jar.lastIndexOf('/') + 1);
    }
    int classes = url.indexOf("/target/classes/");
    if (url.startsWith("file:") && classes > 0) {
      String moduleDir = url.substring(0, classes);
      return moduleDir.substring(moduleDir.lastIndexOf('/') + 1);
    }
    return null;
  }

  boolean admitsLibrary(String library) {
    if (fileNames.contains(library) || artifactIds.contains(library)) {
      return true;
    }
    // The same artifact at another version than the list's (the launcher resolved its own).
    for (String id : artifactIds) {
      if (library.length() > id.length() + 1
          && library.startsWith(id + "-")
          && Character.isDigit(library.charAt(id.length() + 1))) {
        return true;
      }
    }
    return false;
  }
}

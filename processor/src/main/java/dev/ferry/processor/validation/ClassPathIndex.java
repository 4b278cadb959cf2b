package dev.ferry.processor.validation;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a codec's index found on the class path lies ({@link CodecDeclarations#whereOnClassPath}):
 * a jar, or a directory, which may be the very directory this compile writes into, left there by
 * an earlier compile; with the declarer that index names, if any. A message about a second codec
 * names that place, since "a jar" sends a user looking for a dependency when the other codec is
 * their own earlier build's.
 *
 * @param container the jar's file name, or the directory's path
 * @param jar whether the index is in a jar
 * @param output whether the directory is the one this compile writes its classes into
 * @param declarer the type or package the index says declared the codec, or null
 */
public record ClassPathIndex(String container, boolean jar, boolean output, String declarer) {

  /**
   * The place of the index at {@code found}, a resource {@code path} deep in its jar or
   * directory, given where this compile would write that resource ({@code output}).
   */
  static ClassPathIndex of(URI found, String path, URI output, String declarer) {
    String uri = found.toString();
    if ("jar".equals(found.getScheme())) {
      String file = uri.substring("jar:".length(), uri.indexOf("!/"));
      return new ClassPathIndex(
          Path.of(URI.create(file)).getFileName().toString(), true, false, declarer);
    }
    String directory = uri.endsWith(path) ? uri.substring(0, uri.length() - path.length()) : uri;
    return new ClassPathIndex(
        Path.of(URI.create(directory)).toString(),
        false,
        found.normalize().equals(output.normalize()),
        declarer);
  }
}
